//! The corpus of section 4.3: the Rust standard library's source, as the
//! `rust-src` component of rustup ships it with every toolchain
//! (`rustup component add rust-src`; licence MIT or Apache-2.0). It is
//! fixed by the toolchain's version, and every reader of this book can get
//! it with the tools they already have.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The crates read, under `library/`: `core` and `alloc` (about 8 MB of Rust).
pub const CRATES: [&str; 2] = ["alloc", "core"];

/// Run `rustc` with `args`; its standard output, trimmed.
fn rustc(args: &[&str]) -> Result<String> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = Command::new(&rustc)
        .args(args)
        .output()
        .with_context(|| format!("cannot run {rustc} {}", args.join(" ")))?;
    if !output.status.success() {
        bail!(
            "{rustc} {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The toolchain's version, as `rustc -V` prints it.
pub fn toolchain() -> Result<String> {
    rustc(&["-V"])
}

/// The `library/` folder of the installed `rust-src` component, or an
/// error that says how to install it.
pub fn library_dir() -> Result<PathBuf> {
    let sysroot = rustc(&["--print", "sysroot"])?;
    let library = Path::new(&sysroot).join("lib/rustlib/src/rust/library");
    if !library.join("core/src").is_dir() {
        bail!(
            "the Rust standard library's source is not installed ({} is missing): run `rustup component add rust-src`, or give a folder with --rust-src",
            library.join("core/src").display()
        );
    }
    Ok(library)
}

/// Every `*.rs` file under `library/CRATE/src` for the crates given, as
/// (path relative to `library`, text), sorted by path.
pub fn read_sources(library: &Path, crates: &[&str]) -> Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    for krate in crates {
        let src = library.join(krate).join("src");
        if !src.is_dir() {
            bail!(
                "{}: no such folder (expected library/{krate}/src of rust-src)",
                src.display()
            );
        }
        collect(library, &src, &mut files)?;
    }
    if files.is_empty() {
        bail!("{}: no Rust (*.rs) files to train on", library.display());
    }
    files.sort();
    Ok(files)
}

/// Add the `*.rs` files under `dir` (recursively) to `files`.
fn collect(library: &Path, dir: &Path, files: &mut Vec<(String, String)>) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            collect(library, &path, files)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("{} is not UTF-8 text", path.display()))?;
            let name = path
                .strip_prefix(library)
                .expect("under the library folder")
                .to_string_lossy()
                .into_owned();
            files.push((name, text));
        }
    }
    Ok(())
}
