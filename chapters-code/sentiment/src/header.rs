//! A checkpoint's header, read and checked before any tensor is: its
//! length against the file's, and the model shape its metadata claims
//! against the tensors the file holds. A damaged or crafted file whose
//! metadata claims a model of billions of weights is refused with a
//! message, instead of making the program allocate them and abort.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};
use recurrent::CellKind;

use crate::model::ModelShape;

/// safetensors' own bound on the length of a header.
const MAX_HEADER: u64 = 100_000_000;

/// What a checkpoint's header says: its metadata, and the shape of each tensor.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub metadata: HashMap<String, String>,
    pub shapes: HashMap<String, Vec<usize>>,
}

/// One tensor's entry in the header (its data type and offsets are checked
/// by safetensors when the file is read).
#[derive(serde::Deserialize)]
struct Entry {
    shape: Vec<usize>,
}

/// Read the header of the safetensors file `path` (not its tensors). The
/// length the file's first 8 bytes give is checked against the file's size
/// before anything is allocated for it.
pub fn read_header(path: &Path) -> Result<Header> {
    let not_safetensors = || format!("{} is not a safetensors file", path.display());
    let mut file = std::fs::File::open(path)
        .with_context(|| format!("cannot read the checkpoint {}", path.display()))?;
    let size = file
        .metadata()
        .with_context(|| format!("cannot read the checkpoint {}", path.display()))?
        .len();
    let mut length = [0u8; 8];
    file.read_exact(&mut length).with_context(not_safetensors)?;
    let length = u64::from_le_bytes(length);
    if length > MAX_HEADER || length > size.saturating_sub(8) {
        bail!(
            "{}: its header claims {length} bytes, but the file holds {size} bytes in all (the file is damaged or cut short)",
            not_safetensors()
        );
    }
    let mut header = vec![0u8; length as usize];
    file.read_exact(&mut header).with_context(not_safetensors)?;
    let mut entries: HashMap<String, serde_json::Value> =
        serde_json::from_slice(&header).with_context(not_safetensors)?;
    let metadata = match entries.remove("__metadata__") {
        None => HashMap::new(),
        Some(metadata) => serde_json::from_value(metadata).with_context(not_safetensors)?,
    };
    let shapes = entries
        .into_iter()
        .map(|(name, entry)| {
            let entry: Entry =
                serde_json::from_value(entry).with_context(not_safetensors)?;
            Ok((name, entry.shape))
        })
        .collect::<Result<_>>()?;
    Ok(Header { metadata, shapes })
}

/// The model's tensors under PyTorch's names, with the shape each has in a
/// model of `shape`; an error if a size overflows.
pub fn expected_shapes(shape: &ModelShape) -> Result<Vec<(&'static str, Vec<usize>)>> {
    let gates = match shape.cell.readable() {
        CellKind::Lstm => 4,
        CellKind::Gru => 3,
        _ => 1,
    };
    let (input, hidden) = (shape.embedding_dim, shape.hidden);
    let rows = hidden
        .checked_mul(gates)
        .context("the recurrent layer's size overflows")?;
    Ok(vec![
        ("embedding.weight", vec![shape.num_words, input]),
        ("rnn.weight_ih_l0", vec![rows, input]),
        ("rnn.weight_hh_l0", vec![rows, hidden]),
        ("rnn.bias_ih_l0", vec![rows]),
        ("rnn.bias_hh_l0", vec![rows]),
        ("dense.weight", vec![1, hidden]),
        ("dense.bias", vec![1]),
    ])
}

/// Check that the file `path`, whose header is `header`, holds every tensor
/// of a model of `shape` with the shape that model needs: then building
/// the model allocates no more than the file holds.
pub fn check_tensors(path: &Path, header: &Header, shape: &ModelShape) -> Result<()> {
    let damaged = "the file is damaged, or was not written by this program";
    let expected = expected_shapes(shape).with_context(|| {
        format!(
            "{}: the model shape ({shape}) is impossible",
            path.display()
        )
    })?;
    for (name, needed) in expected {
        match header.shapes.get(name) {
            None => bail!("{}: no tensor '{name}'; {damaged}", path.display()),
            Some(found) if *found != needed => bail!(
                "{}: the tensor '{name}' has shape {found:?}, but the model its metadata describes ({shape}) needs {needed:?}; {damaged}",
                path.display()
            ),
            Some(_) => {}
        }
    }
    Ok(())
}

/// The model shape recorded in a checkpoint's metadata.
pub fn recorded_shape(path: &Path, header: &Header) -> Result<ModelShape> {
    let text = header
        .metadata
        .get("shape")
        .with_context(|| format!("{}: no model shape in the metadata", path.display()))?;
    serde_json::from_str(text).with_context(|| {
        format!(
            "{}: the model shape in the metadata cannot be read",
            path.display()
        )
    })
}
