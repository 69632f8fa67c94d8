//! Saving and loading a model (and, for resuming, Adam's state) as
//! safetensors, written atomically.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use ndarray::{ArrayD, IxDyn};
use safetensors::tensor::{Dtype, TensorView};

use crate::model::{Classifier, ModelShape};
use layers::adam::Adam;

fn to_bytes(tensor: &ArrayD<f32>) -> Vec<u8> {
    tensor.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Write `model` (and `adam`, and any `metadata`) to `path` atomically.
pub fn save(
    path: &Path,
    model: &mut Classifier<f32>,
    adam: Option<&Adam<f32>>,
    metadata: HashMap<String, String>,
) -> Result<()> {
    let mut tensors: Vec<(String, ArrayD<f32>)> = vec![(
        "embedding".to_owned(),
        model.embedding.table.clone().into_dyn(),
    )];
    tensors.extend(
        model
            .named_mut()
            .into_iter()
            .map(|(n, t)| (n, t.to_owned())),
    );
    let mut metadata = metadata;
    metadata.insert("shape".to_owned(), serde_json::to_string(&model.shape)?);
    if let Some(adam) = adam {
        metadata.insert("adam.step".to_owned(), adam.step.to_string());
        metadata.insert(
            "adam.config".to_owned(),
            serde_json::to_string(&adam.config)?,
        );
        for (name, (m, v)) in &adam.moments {
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

/// A loaded checkpoint: the model, Adam's state if it was saved, the metadata.
pub struct Loaded {
    pub model: Classifier<f32>,
    pub adam: Option<Adam<f32>>,
    pub metadata: HashMap<String, String>,
}

/// Load a file written by [`save`].
pub fn load(path: &Path) -> Result<Loaded> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read the checkpoint {}", path.display()))?;
    let (_, header) = safetensors::SafeTensors::read_metadata(&bytes)
        .with_context(|| format!("{} is not a safetensors file", path.display()))?;
    let metadata = header.metadata().clone().unwrap_or_default();
    let tensors = safetensors::SafeTensors::deserialize(&bytes)?;
    let shape: ModelShape =
        serde_json::from_str(metadata.get("shape").with_context(|| {
            format!("{}: no model shape in the metadata", path.display())
        })?)?;
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
    let mut model = Classifier::<f32>::new(
        shape,
        &mut <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0),
    );
    model.embedding.table = read("embedding")?.into_dimensionality()?;
    for (name, mut tensor) in model.named_mut() {
        let stored = read(&name)?;
        if stored.shape() != tensor.shape() {
            bail!(
                "{}: tensor '{name}' has shape {:?}, the model needs {:?}",
                path.display(),
                stored.shape(),
                tensor.shape()
            );
        }
        tensor.assign(&stored);
    }
    let adam = match metadata.get("adam.step") {
        None => None,
        Some(step) => {
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
    };
    Ok(Loaded {
        model,
        adam,
        metadata,
    })
}
