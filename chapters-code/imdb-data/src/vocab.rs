//! The vocabulary: built from the training split only, saved and loaded as a file.
//!
//! Tokens are ordered by count (most frequent first), ties by the token's
//! bytes; the first `num_words − 3` get ids 3, 4, …. Three ids are reserved,
//! as in Keras's `imdb.load_data`: 0 for padding, 1 for the start of a
//! review, 2 for a word outside the vocabulary. An encoded review is
//! `[1] + ids`.

use std::collections::HashMap;
use std::path::Path;

use crate::tokenize::tokenize;

/// The padding id.
pub const PAD: u32 = 0;
/// The start-of-review id.
pub const START: u32 = 1;
/// The out-of-vocabulary id.
pub const OOV: u32 = 2;
/// The first id of a real word.
pub const FIRST_WORD: u32 = 3;

/// A vocabulary file could not be read or is malformed.
#[derive(Debug, thiserror::Error)]
pub enum VocabError {
    #[error("cannot read the vocabulary {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write the vocabulary {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("vocabulary {path}, line {line}: {problem}")]
    Malformed {
        path: String,
        line: usize,
        problem: String,
    },
}

/// Word ↔ id, for at most `num_words` ids (reserved ids included).
#[derive(Debug, Clone, PartialEq)]
pub struct Vocabulary {
    num_words: usize,
    words: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    // ANCHOR: build
    /// Count the tokens of `texts` (the training split) and keep the most frequent.
    pub fn build<'a>(texts: impl IntoIterator<Item = &'a str>, num_words: usize) -> Self {
        assert!(
            num_words > 3,
            "num_words must leave room beyond the 3 reserved ids, got {num_words}"
        );
        let mut counts: HashMap<String, u64> = HashMap::new();
        for text in texts {
            for token in tokenize(text) {
                *counts.entry(token).or_default() += 1;
            }
        }
        let mut ranked: Vec<(String, u64)> = counts.into_iter().collect();
        ranked.sort_by(|(a, ca), (b, cb)| {
            cb.cmp(ca).then_with(|| a.as_bytes().cmp(b.as_bytes()))
        });
        ranked.truncate(num_words - 3);
        Self::from_words(ranked.into_iter().map(|(w, _)| w).collect(), num_words)
    }
    // ANCHOR_END: build

    fn from_words(words: Vec<String>, num_words: usize) -> Self {
        let ids = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), FIRST_WORD + i as u32))
            .collect();
        Vocabulary {
            num_words,
            words,
            ids,
        }
    }

    /// The size of the id space, reserved ids included (the embedding's row count).
    pub fn num_words(&self) -> usize {
        self.num_words
    }

    /// The id of `word`, or [`OOV`].
    pub fn id(&self, word: &str) -> u32 {
        self.ids.get(word).copied().unwrap_or(OOV)
    }

    /// The word of `id`, or a marker for the reserved ids.
    pub fn word(&self, id: u32) -> &str {
        match id {
            PAD => "<pad>",
            START => "<start>",
            OOV => "<oov>",
            _ => self
                .words
                .get((id - FIRST_WORD) as usize)
                .map_or("<oov>", String::as_str),
        }
    }

    // ANCHOR: encode
    /// `[START] + ids` of the review's tokens.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        std::iter::once(START)
            .chain(tokenize(text).iter().map(|t| self.id(t)))
            .collect()
    }
    // ANCHOR_END: encode

    /// The text of the vocabulary file: the first line is `num_words`, then
    /// one word per line in id order.
    pub fn to_text(&self) -> String {
        let mut text = format!("{}\n", self.num_words);
        for word in &self.words {
            text.push_str(word);
            text.push('\n');
        }
        text
    }

    /// Save as text ([`Vocabulary::to_text`]), atomically: a reader never
    /// sees half a vocabulary, and an interrupted save leaves the old file.
    pub fn save(&self, path: &Path) -> Result<(), VocabError> {
        fileio::write_atomically(path, self.to_text().as_bytes()).map_err(|e| {
            let source = match e {
                fileio::FileError::Io { source, .. } => source,
                other => std::io::Error::other(other.to_string()),
            };
            VocabError::Write {
                path: path.display().to_string(),
                source,
            }
        })
    }

    /// Load a file written by [`Vocabulary::save`].
    pub fn load(path: &Path) -> Result<Self, VocabError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| VocabError::Read {
            path: name.clone(),
            source,
        })?;
        let mut lines = text.lines();
        let malformed = |line, problem: &str| VocabError::Malformed {
            path: name.clone(),
            line,
            problem: problem.to_owned(),
        };
        let num_words: usize = lines
            .next()
            .and_then(|l| l.trim().parse().ok())
            .ok_or_else(|| {
                malformed(1, "the first line must be the number of ids (num_words)")
            })?;
        let words: Vec<String> = lines.map(str::to_owned).collect();
        if num_words < 4 || words.len() > num_words - 3 {
            return Err(malformed(
                1,
                &format!(
                    "{} words do not fit in num_words = {num_words} (3 ids are reserved)",
                    words.len()
                ),
            ));
        }
        if let Some(i) = words
            .iter()
            .position(|w| w.is_empty() || tokenize(w) != [w.as_str()])
        {
            return Err(malformed(i + 2, &format!("'{}' is not a token", words[i])));
        }
        Ok(Self::from_words(words, num_words))
    }
}
