//! Saving and loading a model (and, for resuming, Adam's state) as
//! safetensors, written atomically.
//!
//! The model's tensors are stored under PyTorch's names, as the state_dict
//! of the same classifier in PyTorch (`compare/pytorch_epoch.py`):
//! `embedding.weight`, `rnn.weight_ih_l0`, `rnn.weight_hh_l0`,
//! `rnn.bias_ih_l0`, `rnn.bias_hh_l0`, `dense.weight`, `dense.bias`. Whether
//! the recurrent layer was computed by the readable cell of chapter 3 or the
//! fast one of section 3.4 does not show in the file, so either loads a
//! checkpoint of the other.
//!
//! A model whose weights are not all finite numbers is neither saved nor
//! loaded: the error names the file and the tensor.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use layers::adam::Adam;
use ndarray::{ArrayD, IxDyn};
use numeric::params::{Named, to_named_prefixed};
use recurrent::{CellKind, Recurrent};
use safetensors::tensor::{Dtype, TensorView};

pub use crate::header::{Header, read_header};
use crate::header::{check_tensors, recorded_shape};
use crate::model::{Classifier, ModelShape};

/// The metadata entry that holds the configuration of the run that wrote
/// the file (a `RunConfig` as JSON), compared with the run that resumes it.
pub const RUN_CONFIG: &str = "run";

/// The first tensor of `tensors` that holds a value that is not a finite
/// number, with that value.
fn first_non_finite<'a>(
    tensors: impl IntoIterator<Item = (&'a String, &'a ArrayD<f32>)>,
) -> Option<(String, f32)> {
    tensors.into_iter().find_map(|(name, t)| {
        t.iter()
            .find(|v| !v.is_finite())
            .map(|v| (name.clone(), *v))
    })
}

/// The first of the model's tensors (under PyTorch's names) that holds a
/// NaN or an infinity, with that value; `None` when every weight is finite.
pub fn non_finite(model: &Classifier<f32>) -> Option<(String, f32)> {
    let state = pytorch_state(model);
    first_non_finite(state.iter().map(|(n, t)| (n, t)))
}

// ANCHOR: names
/// The model's tensors under PyTorch's names.
pub fn pytorch_state(model: &Classifier<f32>) -> Vec<(String, ArrayD<f32>)> {
    let mut state = vec![(
        "embedding.weight".to_owned(),
        model.embedding.table.clone().into_dyn(),
    )];
    state.extend(to_named_prefixed("rnn", &model.rnn.to_pytorch()));
    state.push(("dense.weight".to_owned(), model.dense.w.clone().into_dyn()));
    state.push(("dense.bias".to_owned(), model.dense.b.clone().into_dyn()));
    state
}

/// The model of `shape` that the tensors `state` (PyTorch's names) describe;
/// the error names the tensor that is missing or does not fit.
pub fn from_pytorch_state(
    shape: ModelShape,
    state: &Named<f32>,
) -> Result<Classifier<f32>> {
    let seed = &mut <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0);
    let mut model = Classifier::<f32>::new(shape, seed);
    let rnn: Named<f32> = Named(
        state
            .0
            .iter()
            .filter_map(|(n, t)| Some((n.strip_prefix("rnn.")?.to_owned(), t.clone())))
            .collect(),
    );
    model.rnn = Recurrent::from_pytorch(shape.cell, &rnn)?;
    let take = |name: &str, into: &mut dyn FnMut(ArrayD<f32>) -> Result<()>| {
        into(state.get(name).map_err(anyhow::Error::msg)?.clone())
            .with_context(|| format!("tensor '{name}'"))
    };
    take("embedding.weight", &mut |t| {
        model.embedding.table = fit(t, model.embedding.table.raw_dim())?;
        Ok(())
    })?;
    take("dense.weight", &mut |t| {
        model.dense.w = fit(t, model.dense.w.raw_dim())?;
        Ok(())
    })?;
    take("dense.bias", &mut |t| {
        model.dense.b = fit(t, model.dense.b.raw_dim())?;
        Ok(())
    })?;
    if model.rnn.hidden_size() != shape.hidden {
        bail!(
            "the recurrent layer has {} units, the model's shape says {}",
            model.rnn.hidden_size(),
            shape.hidden
        );
    }
    Ok(model)
}
// ANCHOR_END: names

/// `t` as an array of dimension `dim`, if it has that shape.
fn fit<D: ndarray::Dimension>(t: ArrayD<f32>, dim: D) -> Result<ndarray::Array<f32, D>> {
    if t.shape() != dim.slice() {
        bail!(
            "has shape {:?}, the model needs {:?}",
            t.shape(),
            dim.slice()
        );
    }
    Ok(t.into_dimensionality()?)
}

fn to_bytes(tensor: &ArrayD<f32>) -> Vec<u8> {
    tensor.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Write `model` (and `adam`, and any `metadata`) to `path` atomically.
pub fn save(
    path: &Path,
    model: &Classifier<f32>,
    adam: Option<&Adam<f32>>,
    metadata: HashMap<String, String>,
) -> Result<()> {
    let mut tensors = pytorch_state(model);
    if let Some((name, value)) = first_non_finite(tensors.iter().map(|(n, t)| (n, t))) {
        bail!(
            "{}: refusing to save a model whose tensor '{name}' holds {value}",
            path.display()
        );
    }
    let mut metadata = metadata;
    metadata.insert("shape".to_owned(), serde_json::to_string(&model.shape)?);
    if let Some(adam) = adam {
        // Adam's moments are kept under the model's own names: they resume
        // only a model of the same kind (`adam.cell` says which).
        metadata.insert("adam.step".to_owned(), adam.step.to_string());
        metadata.insert(
            "adam.config".to_owned(),
            serde_json::to_string(&adam.config)?,
        );
        metadata.insert(
            "adam.cell".to_owned(),
            serde_json::to_string(&model.shape.cell)?,
        );
        let mut names: Vec<&String> = adam.moments.keys().collect();
        names.sort();
        for name in names {
            let (m, v) = &adam.moments[name];
            tensors.push((format!("adam.m.{name}"), m.clone()));
            tensors.push((format!("adam.v.{name}"), v.clone()));
        }
    }
    let bytes: Vec<(String, Vec<usize>, Vec<u8>)> = tensors
        .iter()
        .map(|(n, t)| (n.clone(), t.shape().to_vec(), to_bytes(t)))
        .collect();
    let views: Vec<(String, TensorView<'_>)> = bytes
        .iter()
        .map(|(n, shape, data)| {
            Ok((n.clone(), TensorView::new(Dtype::F32, shape.clone(), data)?))
        })
        .collect::<Result<_, safetensors::SafeTensorError>>()?;
    let serialized = safetensors::serialize(views, Some(metadata))?;
    fileio::write_atomically(path, &serialized)?;
    Ok(())
}

/// A loaded checkpoint: the model, Adam's state if it was saved (and the
/// model is of the kind that saved it), the metadata.
pub struct Loaded {
    pub model: Classifier<f32>,
    pub adam: Option<Adam<f32>>,
    pub metadata: HashMap<String, String>,
}

/// Load a file written by [`save`], as the model it was saved from.
pub fn load(path: &Path) -> Result<Loaded> {
    load_as(path, None)
}

/// Load a file written by [`save`]; with `cell`, as a model of that cell
/// instead (the same cell on the other path: an LSTM checkpoint loads as
/// `lstm` or `lstm-fast`, and so on).
pub fn load_as(path: &Path, cell: Option<CellKind>) -> Result<Loaded> {
    // The header first: a shape that the file's tensors do not back is
    // refused before the file is read or a model of that shape is built.
    let header = read_header(path)?;
    let mut shape = recorded_shape(path, &header)?;
    check_tensors(path, &header, &shape)?;
    let metadata = header.metadata;
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read the checkpoint {}", path.display()))?;
    let tensors = safetensors::SafeTensors::deserialize(&bytes)
        .with_context(|| format!("{} is not a safetensors file", path.display()))?;
    let saved_cell = shape.cell;
    if let Some(cell) = cell {
        if cell.readable() != saved_cell.readable() {
            bail!(
                "{}: holds a {} model; it cannot be loaded as a {}",
                path.display(),
                saved_cell.name(),
                cell.name()
            );
        }
        shape.cell = cell;
    }
    let read = |name: &str| -> Result<ArrayD<f32>> {
        let view = tensors
            .tensor(name)
            .with_context(|| format!("{}: no tensor '{name}'", path.display()))?;
        let values = view
            .data()
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(ArrayD::from_shape_vec(IxDyn(view.shape()), values)?)
    };
    let mut state = Named::default();
    for name in tensors.names() {
        if !name.starts_with("adam.") {
            state.0.insert(name.to_owned(), read(name)?);
        }
    }
    if let Some((name, value)) = first_non_finite(&state.0) {
        bail!(
            "{}: the tensor '{name}' holds {value}; a model whose weights are not all finite numbers cannot be used (the run that wrote it diverged, or the file is damaged)",
            path.display()
        );
    }
    let model = from_pytorch_state(shape, &state)
        .with_context(|| format!("{}: not a checkpoint of this model", path.display()))?;
    let adam = match metadata.get("adam.step") {
        Some(step) if shape.cell == saved_cell => {
            let mut adam = Adam::new(serde_json::from_str(
                metadata.get("adam.config").context("adam.config")?,
            )?);
            adam.step = step.parse()?;
            for name in tensors.names() {
                if let Some(param) = name.strip_prefix("adam.m.") {
                    adam.moments.insert(
                        param.to_owned(),
                        (read(name)?, read(&format!("adam.v.{param}"))?),
                    );
                }
            }
            Some(adam)
        }
        _ => None,
    };
    Ok(Loaded {
        model,
        adam,
        metadata,
    })
}

/// The metadata of a file written by [`save`], read from its header alone
/// (the tensors are not read; see [`read_header`]).
pub fn read_metadata(path: &Path) -> Result<HashMap<String, String>> {
    Ok(read_header(path)?.metadata)
}
