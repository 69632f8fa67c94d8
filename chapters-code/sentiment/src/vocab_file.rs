//! A run folder's `vocab.txt`, tied to the model trained with it: the
//! model's file records the vocabulary's size and SHA-256, so that a
//! vocabulary cut short, edited, or copied from another run is refused on
//! loading instead of silently giving every word another id.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use imdb_data::vocab::Vocabulary;
use sha2::{Digest, Sha256};

/// The vocabulary's file in a run folder.
pub const VOCAB_FILE: &str = "vocab.txt";

/// The metadata entry of a model file that describes its vocabulary.
pub const VOCAB_STAMP: &str = "vocab";

/// The size and the SHA-256 of a vocabulary file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VocabStamp {
    /// The words it lists (its lines after the first).
    pub words: usize,
    /// The SHA-256 of the whole file, in hex.
    pub sha256: String,
}

impl VocabStamp {
    /// The stamp of a vocabulary file whose bytes are `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        let lines = bytes.iter().filter(|&&b| b == b'\n').count();
        let unterminated = usize::from(bytes.last().is_some_and(|&b| b != b'\n'));
        let sha256 = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        VocabStamp {
            words: (lines + unterminated).saturating_sub(1),
            sha256,
        }
    }
}

/// The stamp of `vocab`'s file, to record in the model's metadata (under
/// [`VOCAB_STAMP`]) before the file is written.
pub fn stamp(vocab: &Vocabulary) -> VocabStamp {
    VocabStamp::of(vocab.to_text().as_bytes())
}

/// Write `vocab` as `dir/vocab.txt`, atomically.
pub fn save(dir: &Path, vocab: &Vocabulary) -> Result<()> {
    Ok(vocab.save(&dir.join(VOCAB_FILE))?)
}

/// Check that the vocabulary file `path` is the one the model `model_path`
/// (whose metadata is `metadata`) was trained with. A model file that
/// records no vocabulary (an older version wrote it) is not checked.
pub fn check_stamp(
    path: &Path,
    model_path: &Path,
    metadata: &HashMap<String, String>,
) -> Result<()> {
    let Some(recorded) = metadata.get(VOCAB_STAMP) else {
        return Ok(());
    };
    let recorded: VocabStamp = serde_json::from_str(recorded).with_context(|| {
        format!(
            "{}: the recorded vocabulary cannot be read",
            model_path.display()
        )
    })?;
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read the vocabulary {}", path.display()))?;
    let found = VocabStamp::of(&bytes);
    if found != recorded {
        let how = if found.words < recorded.words {
            "cut short"
        } else {
            "edited"
        };
        bail!(
            "{} is not the vocabulary {} was trained with: it lists {} words (SHA-256 {}), the model's {} (SHA-256 {}); it was {how} or comes from another run: restore the run's vocab.txt, or train again",
            path.display(),
            model_path.display(),
            found.words,
            &found.sha256[..12],
            recorded.words,
            &recorded.sha256[..12.min(recorded.sha256.len())],
        );
    }
    Ok(())
}
