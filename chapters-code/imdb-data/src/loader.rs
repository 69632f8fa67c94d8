//! Reading the official layout `aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt`.

use std::path::{Path, PathBuf};

use crate::error::{DataError, io};

/// The two labelled splits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    Test,
}

impl Split {
    fn folder(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Test => "test",
        }
    }
}

/// One review.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The number before the underscore in the file name.
    pub id: u32,
    /// The star rating after the underscore (1–4 negative, 7–10 positive).
    pub rating: u8,
    /// 1 for `pos`, 0 for `neg`.
    pub label: u8,
    pub text: String,
}

// ANCHOR: load
/// Every review of `split` under `root` (the folder that holds `train/` and
/// `test/`): the negative ones first, then the positive ones, each in
/// increasing numeric id.
pub fn load_split(root: &Path, split: Split) -> Result<Vec<Review>, DataError> {
    let mut reviews = Vec::new();
    for (label, class) in [(0, "neg"), (1, "pos")] {
        let folder = root.join(split.folder()).join(class);
        if !folder.is_dir() {
            return Err(DataError::MissingFolder {
                path: folder,
                expected: format!(
                    "aclImdb/{}/{class}/ with one <id>_<rating>.txt file per review",
                    split.folder()
                ),
            });
        }
        let mut files = review_files(&folder)?;
        files.sort_by_key(|(id, _, _)| *id);
        for (id, rating, path) in files {
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            let text = String::from_utf8(bytes).map_err(|e| DataError::NotUtf8 {
                path: path.clone(),
                byte: e.utf8_error().valid_up_to(),
            })?;
            reviews.push(Review {
                id,
                rating,
                label,
                text,
            });
        }
    }
    Ok(reviews)
}
// ANCHOR_END: load

/// (id, rating, path) of every `.txt` file in `folder`.
fn review_files(folder: &Path) -> Result<Vec<(u32, u8, PathBuf)>, DataError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(io(folder))? {
        let path = entry.map_err(io(folder))?.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let parsed = stem
            .split_once('_')
            .and_then(|(id, rating)| Some((id.parse().ok()?, rating.parse().ok()?)));
        let Some((id, rating)) = parsed else {
            return Err(DataError::BadFileName { path });
        };
        files.push((id, rating, path));
    }
    Ok(files)
}
