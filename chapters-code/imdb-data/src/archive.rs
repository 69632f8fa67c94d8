//! Verifying and extracting the dataset archive, so that an interrupted run
//! never leaves a half dataset that a later run takes for complete.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{DataError, io};

/// An archive the book knows, by name, size and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownArchive {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// The official archive of Maas et al. (2011), as served by Stanford.
pub fn official() -> KnownArchive {
    KnownArchive {
        name: "aclImdb_v1.tar.gz".to_owned(),
        size: 84_125_825,
        sha256: "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"
            .to_owned(),
    }
}

/// The same data without the unlabelled reviews and feature files (the copy CI uses).
pub fn labelled_only() -> KnownArchive {
    KnownArchive {
        name: "aclImdb_v1_labeled.tar.gz".to_owned(),
        size: 28_446_929,
        sha256: "804722fd93c4779b435374a1b14d417e12f175f02bc2328eeb844519335d1e5e"
            .to_owned(),
    }
}

/// The SHA-256 of a file, as lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String, DataError> {
    let mut file = File::open(path).map_err(io(path))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = file.read(&mut buffer).map_err(io(path))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hex(&hasher.finalize()))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The archives the book accepts: the official one and the labelled-only copy.
pub fn known_archives() -> Vec<KnownArchive> {
    vec![official(), labelled_only()]
}

/// Check the size and SHA-256 of `path` against the first of `known` whose size matches.
pub fn verify<'a>(
    path: &Path,
    known: &'a [KnownArchive],
) -> Result<&'a KnownArchive, DataError> {
    let size = std::fs::metadata(path).map_err(io(path))?.len();
    identify(path, size, || sha256_file(path), known)
}

/// Which of `known` the bytes that `source` names are: the first archive
/// of their `size`, if `sha256` (computed only then) is its hash too.
/// `source` is the file or address the errors name.
pub fn identify<'a>(
    source: &Path,
    size: u64,
    sha256: impl FnOnce() -> Result<String, DataError>,
    known: &'a [KnownArchive],
) -> Result<&'a KnownArchive, DataError> {
    let Some(expected) = known.iter().find(|k| k.size == size) else {
        let sizes: Vec<String> = known
            .iter()
            .map(|k| format!("{} has {} bytes", k.name, k.size))
            .collect();
        return Err(DataError::UnknownArchive {
            path: source.to_owned(),
            size,
            expected: sizes.join(", "),
        });
    };
    let found = sha256()?;
    if found != expected.sha256 {
        return Err(DataError::Checksum {
            path: source.to_owned(),
            name: expected.name.clone(),
            found,
            expected: expected.sha256.clone(),
        });
    }
    Ok(expected)
}

// ANCHOR: extract
/// Extract the labelled reviews of `archive` into `cache/aclImdb` and return
/// that folder. The archive is unpacked into a temporary folder beside it
/// and renamed into place only when complete, so `cache/aclImdb` either
/// does not exist or holds the whole dataset.
pub fn extract(archive: &Path, cache: &Path) -> Result<PathBuf, DataError> {
    let target = cache.join("aclImdb");
    if target.is_dir() {
        return Ok(target);
    }
    std::fs::create_dir_all(cache).map_err(io(cache))?;
    let partial = cache.join(format!(".aclImdb.partial.{}", std::process::id()));
    let result = unpack_labelled(archive, &partial).and_then(|()| {
        for folder in ["train/neg", "train/pos", "test/neg", "test/pos"] {
            if !partial.join("aclImdb").join(folder).is_dir() {
                return Err(DataError::IncompleteArchive {
                    path: archive.to_owned(),
                    missing: format!("aclImdb/{folder}"),
                });
            }
        }
        std::fs::rename(partial.join("aclImdb"), &target).map_err(io(&target))
    });
    let _ = std::fs::remove_dir_all(&partial);
    result.map(|()| target)
}
// ANCHOR_END: extract

/// Unpack `aclImdb/{train,test}/{pos,neg}/*` and the two text files into `dest`.
fn unpack_labelled(archive: &Path, dest: &Path) -> Result<(), DataError> {
    std::fs::create_dir_all(dest).map_err(io(dest))?;
    let file = File::open(archive).map_err(io(archive))?;
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    for entry in tar.entries().map_err(io(archive))? {
        let mut entry = entry.map_err(io(archive))?;
        let path = entry.path().map_err(io(archive))?.into_owned();
        let parts: Vec<String> = path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let wanted = match parts.as_slice() {
            [root, split, class, _] => {
                root == "aclImdb"
                    && (split == "train" || split == "test")
                    && (class == "pos" || class == "neg")
            }
            [root, name] => root == "aclImdb" && (name == "README" || name == "imdb.vocab"),
            _ => false,
        };
        if wanted {
            entry.unpack_in(dest).map_err(io(dest.join(&path)))?;
        }
    }
    Ok(())
}
