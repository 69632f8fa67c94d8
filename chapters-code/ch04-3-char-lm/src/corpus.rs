//! The text, as character ids: the Rust standard library's source (see
//! [`crate::rust_src`]), or for the quick form the book's own Markdown.
//!
//! The held-out text is chosen by a [`Split`]: whole files (every n-th
//! file, so no file is in both parts), or the last part of every file (the
//! quick form: the book's few pages each give a little). The vocabulary is
//! every character seen at least `min_count` times in the training part;
//! the rest map to one "unknown" id, 0.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

/// Id 0: any character outside the vocabulary.
pub const UNKNOWN: usize = 0;

/// The encoded text and its vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    /// Id → character; entry 0 stands for every unknown character (shown as '¤').
    pub chars: Vec<char>,
    pub train: Vec<usize>,
    pub held_out: Vec<usize>,
    /// The files read, in order, and the SHA-256 of their concatenation.
    pub files: Vec<String>,
    pub sha256: String,
}

/// Every `*.md` file directly in `dir`, sorted by name, as (name, text).
pub fn read_markdown(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
            let name = path
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            files.push((name, text));
        }
    }
    if files.is_empty() {
        bail!("{}: no Markdown (*.md) files to train on", dir.display());
    }
    files.sort();
    Ok(files)
}

/// Which text is held out.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Split {
    /// This fraction at the end of every file.
    Tail(f64),
    /// Whole files: in path order, files n/2, n/2 + n, n/2 + 2n, ….
    EveryNthFile(usize),
}

impl Split {
    /// The (training, held-out) parts of the `index`-th file.
    fn cut<'a>(&self, index: usize, chars: &'a [char]) -> (&'a [char], &'a [char]) {
        match *self {
            Split::Tail(fraction) => {
                let cut = chars.len() - (chars.len() as f64 * fraction).round() as usize;
                chars.split_at(cut)
            }
            Split::EveryNthFile(n) if index % n == n / 2 => (&[], chars),
            Split::EveryNthFile(_) => (chars, &[]),
        }
    }
}

impl Corpus {
    /// Split the texts as `split` says, build the vocabulary from the training part, encode both.
    pub fn build(texts: &[(String, String)], split: Split, min_count: usize) -> Self {
        let mut train_text = String::new();
        let mut held_text = String::new();
        let mut hasher = Sha256::new();
        for (index, (_, text)) in texts.iter().enumerate() {
            hasher.update(text.as_bytes());
            let chars: Vec<char> = text.chars().collect();
            let (train, held) = split.cut(index, &chars);
            train_text.extend(train);
            held_text.extend(held);
        }
        let mut counts: HashMap<char, usize> = HashMap::new();
        for c in train_text.chars() {
            *counts.entry(c).or_default() += 1;
        }
        let mut kept: Vec<char> = counts
            .into_iter()
            .filter(|&(_, n)| n >= min_count)
            .map(|(c, _)| c)
            .collect();
        kept.sort_unstable();
        let chars: Vec<char> = std::iter::once('¤').chain(kept).collect();
        let ids: HashMap<char, usize> = chars
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, &c)| (c, i))
            .collect();
        let encode = |text: &str| -> Vec<usize> {
            text.chars()
                .map(|c| *ids.get(&c).unwrap_or(&UNKNOWN))
                .collect()
        };
        Corpus {
            train: encode(&train_text),
            held_out: encode(&held_text),
            chars,
            files: texts.iter().map(|(n, _)| n.clone()).collect(),
            sha256: format!("{:x}", hasher.finalize()),
        }
    }

    /// The number of ids, V.
    pub fn vocab_size(&self) -> usize {
        self.chars.len()
    }

    /// Ids back to text.
    pub fn decode(&self, ids: &[usize]) -> String {
        ids.iter().map(|&i| self.chars[i]).collect()
    }

    /// Text to ids (unknown characters → 0).
    pub fn encode(&self, text: &str) -> Vec<usize> {
        text.chars()
            .map(|c| {
                self.chars
                    .iter()
                    .skip(1)
                    .position(|&k| k == c)
                    .map_or(UNKNOWN, |p| p + 1)
            })
            .collect()
    }

    // ANCHOR: unigram
    /// The perplexity on the held-out text of the unigram model: every
    /// character predicted with its training frequency (add-one smoothed),
    /// whatever came before. A model that uses context must beat it.
    pub fn unigram_perplexity(&self) -> f64 {
        let v = self.vocab_size();
        let mut counts = vec![1.0; v];
        for &id in &self.train {
            counts[id] += 1.0;
        }
        let total: f64 = counts.iter().sum();
        let nll: f64 = self
            .held_out
            .iter()
            .map(|&id| -(counts[id] / total).ln())
            .sum::<f64>()
            / self.held_out.len() as f64;
        nll.exp()
    }
    // ANCHOR_END: unigram
}
