//! Reading the reference fixtures written by PyTorch
//! (`chapters-code/pytorch-reference/make_fixtures.py`): JSON files whose
//! tensors are nested lists of `f64`.

use std::path::{Path, PathBuf};

use ndarray::{Array1, Array2, Array3, ArrayD, IxDyn};
use serde_json::Value;

/// A fixture could not be read, or lacks a tensor, or a tensor is malformed.
#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    #[error("cannot read fixture {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("fixture {path} is not valid JSON: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("fixture {path} has no value at '{key}'")]
    Missing { path: PathBuf, key: String },
    #[error("fixture {path}: '{key}' is not a rectangular array of numbers of rank {rank}")]
    Malformed {
        path: PathBuf,
        key: String,
        rank: usize,
    },
}

/// One loaded fixture file.
#[derive(Debug)]
pub struct Fixture {
    path: PathBuf,
    root: Value,
}

/// The folder that holds the committed fixtures.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../pytorch-reference/fixtures")
}

impl Fixture {
    /// Load `name` (for example `lstm.json`) from [`fixture_dir`].
    pub fn load(name: &str) -> Result<Self, FixtureError> {
        Self::load_path(&fixture_dir().join(name))
    }

    /// Load a fixture from any path.
    pub fn load_path(path: &Path) -> Result<Self, FixtureError> {
        let text = std::fs::read_to_string(path).map_err(|source| FixtureError::Read {
            path: path.to_owned(),
            source,
        })?;
        let root = serde_json::from_str(&text).map_err(|source| FixtureError::Json {
            path: path.to_owned(),
            source,
        })?;
        Ok(Fixture {
            path: path.to_owned(),
            root,
        })
    }

    /// The JSON value at a dotted key such as `grads.w_xi`.
    pub fn value(&self, key: &str) -> Result<&Value, FixtureError> {
        key.split('.')
            .try_fold(&self.root, |v, part| v.get(part))
            .ok_or_else(|| FixtureError::Missing {
                path: self.path.clone(),
                key: key.to_owned(),
            })
    }

    /// A whole number at `key`.
    pub fn usize(&self, key: &str) -> Result<usize, FixtureError> {
        self.value(key)?
            .as_u64()
            .map(|v| v as usize)
            .ok_or_else(|| FixtureError::Malformed {
                path: self.path.clone(),
                key: key.to_owned(),
                rank: 0,
            })
    }

    /// A tensor of any rank at `key`.
    pub fn tensor(&self, key: &str, rank: usize) -> Result<ArrayD<f64>, FixtureError> {
        let malformed = || FixtureError::Malformed {
            path: self.path.clone(),
            key: key.to_owned(),
            rank,
        };
        let value = self.value(key)?;
        let mut shape = Vec::new();
        let mut probe = value;
        for _ in 0..rank {
            let items = probe.as_array().ok_or_else(malformed)?;
            shape.push(items.len());
            probe = items.first().ok_or_else(malformed)?;
        }
        let mut flat = Vec::new();
        flatten(value, rank, &mut flat).ok_or_else(malformed)?;
        ArrayD::from_shape_vec(IxDyn(&shape), flat).map_err(|_| malformed())
    }

    /// A vector at `key`.
    pub fn array1(&self, key: &str) -> Result<Array1<f64>, FixtureError> {
        Ok(self
            .tensor(key, 1)?
            .into_dimensionality()
            .expect("rank checked"))
    }

    /// A matrix at `key`.
    pub fn array2(&self, key: &str) -> Result<Array2<f64>, FixtureError> {
        Ok(self
            .tensor(key, 2)?
            .into_dimensionality()
            .expect("rank checked"))
    }

    /// A rank-3 array at `key`.
    pub fn array3(&self, key: &str) -> Result<Array3<f64>, FixtureError> {
        Ok(self
            .tensor(key, 3)?
            .into_dimensionality()
            .expect("rank checked"))
    }
}

fn flatten(value: &Value, rank: usize, out: &mut Vec<f64>) -> Option<()> {
    if rank == 0 {
        out.push(value.as_f64()?);
        return Some(());
    }
    for item in value.as_array()? {
        flatten(item, rank - 1, out)?;
    }
    Some(())
}

impl Fixture {
    /// Compare every named tensor with the fixture's `{prefix}.{name}`,
    /// printing each difference; panics naming the first one above `tolerance`.
    pub fn assert_agrees(
        &self,
        label: &str,
        prefix: &str,
        tensors: &(impl numeric::Params<f64> + ?Sized),
        tolerance: f64,
    ) {
        for (name, tensor) in numeric::params::to_named(tensors) {
            let expected = self
                .tensor(&format!("{prefix}.{name}"), tensor.ndim())
                .unwrap_or_else(|e| panic!("{e}"));
            let diff = max_scaled_difference(&tensor.to_owned(), &expected);
            println!("{label} {prefix}.{name}: max difference from PyTorch {diff:.1e}");
            assert!(
                diff < tolerance,
                "{label} {prefix}.{name}: differs from PyTorch by {diff:e}"
            );
        }
    }
}

/// The largest |a − b| / max(1, |b|) over two arrays of the same shape:
/// absolute for values up to one, relative above.
pub fn max_scaled_difference(a: &ArrayD<f64>, b: &ArrayD<f64>) -> f64 {
    assert_eq!(a.shape(), b.shape(), "comparing arrays of different shapes");
    a.iter()
        .zip(b.iter())
        .map(|(x, y)| (x - y).abs() / y.abs().max(1.0))
        .fold(0.0, f64::max)
}
