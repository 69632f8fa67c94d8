//! Where a results file comes from: the command line, the commit of the
//! code, the date and the machine. Every results file under `book/results/`
//! carries one of these as its `provenance` field, and every table and
//! figure drawn from it says so under it (see [`Provenance::caption`]).

use std::path::Path;
use std::process::Command;

use serde::{Deserialize, Serialize};

/// The command, code, date and machine that made a results file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The whole command line, program name first, every argument as given.
    pub command: String,
    /// The git commit of the working tree the program ran in, with
    /// `+ uncommitted changes` when its code differed from that commit.
    pub commit: String,
    /// When the file was made, UTC, e.g. `2026-11-29T18:05:31Z`.
    pub date: String,
    /// The machine that made it.
    pub machine: Machine,
}

/// The machine a results file was made on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    /// The processor's model name, as the operating system reports it.
    pub processor: String,
    /// The cores (hardware threads) the program could use.
    pub cores: usize,
    /// The instruction-set architecture, e.g. `x86_64`.
    pub arch: String,
    /// The vector extensions the program could use, e.g. `["AVX2", "AVX-512"]`.
    pub vector_extensions: Vec<String>,
    /// A free description given with `--machine` (e.g. "shared VM"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Provenance {
    /// The provenance of the running program: its own command line, the
    /// commit of the repository it was built from, now, and this machine.
    /// `note` is the user's description of the machine, if any.
    pub fn capture(note: Option<&str>) -> Self {
        Self {
            command: command_line(std::env::args()),
            commit: commit(Path::new(env!("CARGO_MANIFEST_DIR"))),
            date: jiff::Timestamp::now()
                .strftime("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
            machine: Machine::this(note),
        }
    }

    /// The line the book prints under every table and figure drawn from the
    /// file, e.g. "Recorded 2026-11-29 at commit 3a9c551 with `faq adding
    /// --seed 1` on a 2-core AMD EPYC (x86_64, AVX-512)."
    pub fn caption(&self) -> String {
        let day = self.date.get(..10).unwrap_or(&self.date);
        let commit = match self.commit.split_once(' ') {
            Some((hash, rest)) => format!("{} {rest}", short(hash)),
            None => short(&self.commit).to_owned(),
        };
        // A command that holds a backtick needs a longer fence in Markdown.
        let code = if self.command.contains('`') {
            format!("`` {} ``", self.command)
        } else {
            format!("`{}`", self.command)
        };
        format!(
            "Recorded {day} at commit {commit} with {code} on {}.",
            self.machine.describe()
        )
    }
}

impl Machine {
    /// This machine, as the operating system and the processor report it.
    pub fn this(note: Option<&str>) -> Self {
        Self {
            processor: processor_model(),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            arch: std::env::consts::ARCH.to_owned(),
            vector_extensions: vector_extensions(),
            note: note.map(str::to_owned),
        }
    }

    /// "a 2-core AMD EPYC (x86_64, AVX-512; shared VM)".
    pub fn describe(&self) -> String {
        let mut details = vec![self.arch.clone()];
        if let Some(widest) = self.vector_extensions.last() {
            details.push(widest.clone());
        }
        let mut text = format!(
            "a {}-core {} ({}",
            self.cores,
            self.processor,
            details.join(", ")
        );
        if let Some(note) = &self.note {
            text.push_str("; ");
            text.push_str(note);
        }
        text.push(')');
        text
    }
}

/// The first 7 characters of a commit hash (all of a shorter text).
fn short(hash: &str) -> &str {
    hash.get(..7).unwrap_or(hash)
}

/// The command line as one string: the program's file name, then each
/// argument, quoted when it holds a space or is empty.
pub fn command_line(args: impl IntoIterator<Item = String>) -> String {
    let mut args = args.into_iter();
    let program = args
        .next()
        .map(|p| {
            Path::new(&p)
                .file_name()
                .map_or(p.clone(), |n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_default();
    let mut words = vec![program];
    for arg in args {
        if arg.is_empty() || arg.contains(char::is_whitespace) {
            words.push(format!("'{arg}'"));
        } else {
            words.push(arg);
        }
    }
    words.join(" ")
}

/// The commit of the git repository that holds `dir`, with `+ uncommitted
/// changes` when tracked code differs from it (Rust sources, manifests,
/// the lock file, the Python and shell scripts; not the pages under
/// `book/` nor their recorded results, and a run that reads the pages
/// records their hash itself); `unknown (not a git checkout)`
/// outside a repository or without git.
pub fn commit(dir: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let Some(head) = git(&["rev-parse", "HEAD"]) else {
        return "unknown (not a git checkout)".to_owned();
    };
    let top = git(&["rev-parse", "--show-toplevel"]).unwrap_or_default();
    let changed = git(&[
        "-C",
        &top,
        "status",
        "--porcelain",
        "--untracked-files=no",
        "--",
        "*.rs",
        "*.toml",
        "Cargo.lock",
        "*.py",
        "*.sh",
        ":!book",
    ]);
    match changed {
        Some(text) if text.is_empty() => head,
        _ => format!("{head} + uncommitted changes"),
    }
}

/// The processor's model name from `/proc/cpuinfo` (Linux), else the
/// architecture's name.
fn processor_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, name)| name.trim().to_owned())
        })
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| format!("{} processor", std::env::consts::ARCH))
}

/// The vector extensions this processor offers, narrowest first.
fn vector_extensions() -> Vec<String> {
    let mut found = Vec::new();
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            found.push("AVX2".to_owned());
        }
        if std::arch::is_x86_feature_detected!("avx512f") {
            found.push("AVX-512".to_owned());
        }
    }
    #[cfg(target_arch = "aarch64")]
    found.push("NEON".to_owned());
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Provenance {
        Provenance {
            command: "faq adding --seed 1".into(),
            commit: "0123456789abcdef0123456789abcdef01234567".into(),
            date: "2026-11-29T18:05:31Z".into(),
            machine: Machine {
                processor: "AMD EPYC".into(),
                cores: 2,
                arch: "x86_64".into(),
                vector_extensions: vec!["AVX2".into(), "AVX-512".into()],
                note: Some("shared VM".into()),
            },
        }
    }

    #[test]
    fn the_caption_names_date_commit_command_and_machine() {
        assert_eq!(
            sample().caption(),
            "Recorded 2026-11-29 at commit 0123456 with `faq adding --seed 1` \
             on a 2-core AMD EPYC (x86_64, AVX-512; shared VM)."
        );
        let mut dirty = sample();
        dirty.commit.push_str(" + uncommitted changes");
        assert!(
            dirty
                .caption()
                .contains("at commit 0123456 + uncommitted changes with")
        );
    }

    #[test]
    fn a_command_with_a_backtick_gets_a_longer_code_fence() {
        let mut p = sample();
        p.command = "bash steps.sh (one `speed` run per row)".into();
        assert!(
            p.caption()
                .contains("with `` bash steps.sh (one `speed` run per row) `` on")
        );
    }

    #[test]
    fn the_command_line_keeps_every_argument_and_quotes_spaces() {
        let args = ["/x/target/release/faq", "adding", "--machine", "a VM", ""];
        assert_eq!(
            command_line(args.map(String::from)),
            "faq adding --machine 'a VM' ''"
        );
    }

    #[test]
    fn this_checkout_has_a_commit() {
        let commit = commit(Path::new(env!("CARGO_MANIFEST_DIR")));
        let hash = commit.split(' ').next().unwrap_or_default();
        // A release tarball without .git gives "unknown"; this repository is a checkout.
        assert_eq!(hash.len(), 40, "{commit}");
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{commit}");
    }

    #[test]
    fn a_captured_provenance_round_trips_through_json() {
        let p = Provenance::capture(None);
        assert!(p.machine.cores >= 1);
        let text = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Provenance>(&text).unwrap(), p);
    }
}
