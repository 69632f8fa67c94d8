//! `cargo xtask exercises`: the exercises of `exercises/`, their status, one
//! graded in words, and `verify` (every grader fails on its stub and passes
//! on the reference solution).
//!
//! Progress is never stored: the status is what the graders say now. The list
//! of exercises and their order come from `exercises/src/lib.rs`, and each
//! exercise's title from the first line of its file, so nothing here lists
//! them.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// One exercise: its module name, and its section and title from the first
/// line of its file (`//! Exercise (section 3.1): one step …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    pub name: String,
    pub section: String,
    pub title: String,
}

/// What the graders said of one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The stub's `todo!()` is still there.
    NotStarted,
    /// A check failed: its name and its message.
    Failing { check: String, message: String },
    /// Every check passed (how many).
    Passing(usize),
}

/// One check's outcome, as the test harness printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    /// `vanilla_backward::check_2_agrees_with_the_chapter_on_random_inputs`.
    pub test: String,
    pub passed: bool,
    /// The panic message, for a failed check.
    pub message: String,
}

/// The exercises in the order of `exercises/src/lib.rs` (the chapters').
pub fn list(root: &Path) -> Result<Vec<Exercise>> {
    let lib = root.join("exercises/src/lib.rs");
    let text = std::fs::read_to_string(&lib)
        .with_context(|| format!("reading {}", lib.display()))?;
    let block = text
        .split("exercises! {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .with_context(|| format!("{} has no `exercises! {{ … }}` list", lib.display()))?;
    let mut found = Vec::new();
    for name in block.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let file = root.join("exercises/src").join(format!("{name}.rs"));
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        let first = text.lines().next().unwrap_or_default();
        let (section, title) = first
            .strip_prefix("//! Exercise (section ")
            .and_then(|rest| rest.split_once("): "))
            .with_context(|| {
                format!(
                    "{}: the first line should be `//! Exercise (section N): title`, not `{first}`",
                    file.display()
                )
            })?;
        found.push(Exercise {
            name: name.to_owned(),
            section: section.to_owned(),
            title: title.trim_end_matches('.').to_owned(),
        });
    }
    Ok(found)
}

/// Runs the graders (all of them, or those of one exercise) with `features`,
/// and returns every check's outcome. A compile error is an `Err` holding
/// the compiler's first error.
pub fn grade(root: &Path, features: &str, only: Option<&str>) -> Result<Vec<CheckResult>> {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(root)
        .args([
            "test",
            "--quiet",
            "--package",
            "exercises",
            "--features",
            features,
        ])
        .args(["--test", "grade", "--"])
        .args([
            "--test-threads",
            "1",
            "--color",
            "never",
            "--format",
            "pretty",
        ])
        .env("RUST_BACKTRACE", "0");
    if let Some(name) = only {
        command.arg(format!("{name}::"));
    }
    let output = command
        .output()
        .context("running cargo test for the exercises")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let results = parse(&stdout);
    if results.is_empty() {
        let first_error = stderr
            .split("\n\n")
            .find(|block| block.trim_start().starts_with("error"))
            .unwrap_or(&stderr);
        bail!("the exercises do not compile:\n{}", first_error.trim_end());
    }
    Ok(results)
}

/// Every `test NAME ... ok|FAILED` line, with the panic message of each failure.
pub fn parse(stdout: &str) -> Vec<CheckResult> {
    let mut results: Vec<CheckResult> = stdout
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("test ")?;
            let (test, outcome) = rest.split_once(" ... ")?;
            Some(CheckResult {
                test: test.trim().to_owned(),
                passed: outcome.trim() == "ok",
                message: String::new(),
            })
        })
        .collect();
    for block in stdout.split("---- ").skip(1) {
        let Some((test, body)) = block.split_once(" stdout ----") else {
            continue;
        };
        let message = body
            .split_once("panicked at ")
            .and_then(|(_, rest)| rest.split_once(":\n"))
            .map(|(_, message)| message)
            .unwrap_or(body)
            .lines()
            .take_while(|l| !l.starts_with("note:") && !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if let Some(r) = results.iter_mut().find(|r| r.test == test.trim()) {
            r.message = message;
        }
    }
    results
}

/// The status of `exercise` from the outcomes of its checks.
pub fn status(exercise: &str, results: &[CheckResult]) -> Status {
    let prefix = format!("{exercise}::");
    let mine: Vec<&CheckResult> = results
        .iter()
        .filter(|r| r.test.starts_with(&prefix))
        .collect();
    if mine.is_empty() {
        return Status::Failing {
            check: "none".to_owned(),
            message: format!("no check of the graders ran for `{exercise}`"),
        };
    }
    // Not started: every check stops at a stub's `todo!()`. An exercise of
    // two functions with one written is failing, at its first failing check.
    if mine
        .iter()
        .all(|r| !r.passed && r.message.contains("not yet implemented"))
    {
        return Status::NotStarted;
    }
    match mine.iter().find(|r| !r.passed) {
        Some(first) => Status::Failing {
            check: first.test[prefix.len()..].to_owned(),
            message: first.message.clone(),
        },
        None => Status::Passing(mine.len()),
    }
}

/// A check's name in words: `check_2_agrees_with_x` → "2 agrees with x".
pub fn in_words(check: &str) -> String {
    check.trim_start_matches("check_").replace('_', " ")
}

/// `cargo xtask exercises [NAME | verify]`.
pub fn run(root: &Path, what: Option<&str>) -> Result<()> {
    let exercises = list(root)?;
    match what {
        None => print_all(root, &exercises),
        Some("verify") => verify(root, &exercises),
        Some("handout") => bail!(
            "`handout` needs a folder: cargo xtask exercises handout DIR (the students' copy, \
             without the reference solutions)"
        ),
        Some(name) => {
            let Some(exercise) = exercises.iter().find(|e| e.name == name) else {
                let names: Vec<&str> = exercises.iter().map(|e| e.name.as_str()).collect();
                bail!(
                    "there is no exercise `{name}`; the exercises are: {}",
                    names.join(", ")
                );
            };
            print_one(root, exercise)
        }
    }
}

fn print_all(root: &Path, exercises: &[Exercise]) -> Result<()> {
    let results = grade(root, "grade", None)?;
    let width = exercises.iter().map(|e| e.name.len()).max().unwrap_or(0);
    for e in exercises {
        let state = match status(&e.name, &results) {
            Status::NotStarted => "not started".to_owned(),
            Status::Failing { check, .. } => format!("failing: check {}", in_words(&check)),
            Status::Passing(n) => format!("passing ({n} checks)"),
        };
        println!(
            "{:<4} {:<width$}  {:<48}  {state}",
            e.section, e.name, e.title
        );
    }
    println!("\ngrade one, with what is wrong in words: cargo xtask exercises NAME");
    Ok(())
}

fn print_one(root: &Path, exercise: &Exercise) -> Result<()> {
    let results = grade(root, "grade", Some(&exercise.name))?;
    println!(
        "{} (section {}): {}\n",
        exercise.name, exercise.section, exercise.title
    );
    let prefix = format!("{}::", exercise.name);
    for r in results.iter().filter(|r| r.test.starts_with(&prefix)) {
        let mark = if r.passed { "ok  " } else { "FAIL" };
        println!("  {mark} check {}", in_words(&r.test[prefix.len()..]));
    }
    let hint = format!("exercises/hints/{}.md", exercise.name);
    match status(&exercise.name, &results) {
        Status::NotStarted => {
            println!(
                "\nnot started: write the body of exercises/src/{}.rs (its doc comment is the contract); \
                 a hint is in {hint}",
                exercise.name
            );
            bail!("{} is not started", exercise.name)
        }
        Status::Failing { check, message } => {
            println!(
                "\ncheck {} fails:\n{message}\n\na hint is in {hint}",
                in_words(&check)
            );
            bail!("{} does not pass yet", exercise.name)
        }
        Status::Passing(n) => {
            println!("\nall {n} checks pass");
            Ok(())
        }
    }
}

/// Every grader must fail on the stub (with the stub's `todo!`) and pass on
/// the reference solution.
fn verify(root: &Path, exercises: &[Exercise]) -> Result<()> {
    let stubs = grade(root, "grade", None)?;
    let solutions = grade(root, "grade solutions", None)?;
    let mut wrong = Vec::new();
    for e in exercises {
        let on_stub = status(&e.name, &stubs);
        let on_solution = status(&e.name, &solutions);
        let stub_ok = on_stub == Status::NotStarted;
        let solution_ok = matches!(on_solution, Status::Passing(n) if n > 0);
        println!(
            "{:<20} stub: {:<12} solution: {}",
            e.name,
            if stub_ok { "fails, ok" } else { "WRONG" },
            match &on_solution {
                Status::Passing(n) => format!("passes {n} checks"),
                other => format!("WRONG ({other:?})"),
            }
        );
        if !stub_ok {
            wrong.push(format!(
                "{}: its graders do not fail on the stub ({on_stub:?})",
                e.name
            ));
        }
        if !solution_ok {
            wrong.push(format!(
                "{}: the solution does not pass ({on_solution:?})",
                e.name
            ));
        }
    }
    if !wrong.is_empty() {
        bail!("{}", wrong.join("\n"));
    }
    println!(
        "all {} exercises: every grader fails on its stub and passes on the solution",
        exercises.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\nrunning 3 tests\n\
        test a::check_1_shapes ... ok\n\
        test a::check_2_agrees ... FAILED\n\
        test b::check_1_shapes ... FAILED\n\n\
        failures:\n\n\
        ---- a::check_2_agrees stdout ----\n\n\
        thread 'a::check_2_agrees' (7) panicked at exercises/tests/grade/a.rs:9:5:\n\
        dx_t is off at index [0, 1]: yours is +1, it should be +2\n\
        note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\
        ---- b::check_1_shapes stdout ----\n\n\
        thread 'b::check_1_shapes' (8) panicked at exercises/src/b.rs:3:5:\n\
        not yet implemented: write b\n\n\
        failures:\n    a::check_2_agrees\n";

    #[test]
    fn the_harness_output_gives_each_check_and_its_message() {
        let results = parse(OUTPUT);
        assert_eq!(results.len(), 3);
        assert!(results[0].passed && !results[1].passed);
        assert_eq!(
            results[1].message,
            "dx_t is off at index [0, 1]: yours is +1, it should be +2"
        );
        assert_eq!(results[2].message, "not yet implemented: write b");
    }

    #[test]
    fn the_status_is_not_started_failing_passing_or_no_checks() {
        let results = parse(OUTPUT);
        assert_eq!(status("b", &results), Status::NotStarted);
        assert_eq!(
            status("a", &results),
            Status::Failing {
                check: "check_2_agrees".to_owned(),
                message: "dx_t is off at index [0, 1]: yours is +1, it should be +2"
                    .to_owned()
            }
        );
        let half = parse(
            "test d::check_1_x ... FAILED\ntest d::check_2_y ... FAILED\n\n\
             ---- d::check_1_x stdout ----\nthread 'x' panicked at a.rs:1:1:\ny is off\n\n\
             ---- d::check_2_y stdout ----\nthread 'y' panicked at a.rs:1:1:\n\
             not yet implemented: write d\n\n",
        );
        assert!(
            matches!(status("d", &half), Status::Failing { check, .. } if check == "check_1_x"),
            "one function written and wrong, the other a stub: failing, not 'not started'"
        );
        let all_ok = parse("test a::check_1_x ... ok\ntest a::check_2_y ... ok\n");
        assert_eq!(status("a", &all_ok), Status::Passing(2));
        assert!(
            matches!(status("c", &results), Status::Failing { check, .. } if check == "none")
        );
        assert_eq!(in_words("check_2_agrees_with_x"), "2 agrees with x");
    }
}
