//! How every program ends: on an error, one message and its causes on
//! standard error, and a failing exit code; never a backtrace.
//!
//! A program's `main` is one line around the function that does its work:
//!
//! ```ignore
//! fn main() -> std::process::ExitCode {
//!     fileio::report(run())
//! }
//! ```
//!
//! (`main` returning `anyhow::Result<()>` would print the error with `Debug`,
//! and with it the backtrace that anyhow captures when `RUST_BACKTRACE` is set:
//! a user's mistake is not a bug of the program. Panics, which are, keep
//! their backtraces.)

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;

/// The end of a program's `main`: nothing on success; on an error, print it
/// to standard error as [`write_error`] does and fail (exit code 1).
pub fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report_error(&*error);
            ExitCode::FAILURE
        }
    }
}

/// Print `error` and its causes to standard error, as [`write_error`] does.
pub fn report_error(error: &(dyn Error + 'static)) {
    // If standard error cannot be written, there is nowhere left to say so.
    let _ = write_error(&mut io::stderr().lock(), error);
}

/// Write `error` as `error: MESSAGE`, then each of its causes on a line of
/// its own as `  caused by: CAUSE`. A cause whose text the line above
/// already holds (an error that shows its source in its own message) is
/// not repeated.
pub fn write_error(out: &mut impl Write, error: &(dyn Error + 'static)) -> io::Result<()> {
    let mut said = error.to_string();
    writeln!(out, "error: {said}")?;
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !said.contains(&text) {
            writeln!(out, "  caused by: {text}")?;
            said = text;
        }
        source = cause.source();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    fn written(error: &anyhow::Error) -> String {
        let mut out = Vec::new();
        write_error(&mut out, &**error).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn missing_file() -> crate::FileError {
        crate::FileError::Io {
            path: "runs/x/config.json".to_owned(),
            source: io::Error::new(io::ErrorKind::NotFound, "No such file or directory"),
        }
    }

    #[test]
    fn an_error_prints_its_causes_one_per_line_without_repeating_one() {
        // FileError::Io shows its source in its own message: the io::Error
        // below it is not printed again.
        let error = Err::<(), _>(missing_file())
            .context("cannot load the run's configuration")
            .context("cannot classify the text")
            .unwrap_err();
        assert_eq!(
            written(&error),
            "error: cannot classify the text\n\
             \x20 caused by: cannot load the run's configuration\n\
             \x20 caused by: runs/x/config.json: No such file or directory\n"
        );
    }

    #[test]
    fn an_error_without_a_cause_is_one_line() {
        let error = anyhow::anyhow!("--require 1.5: not between 0 and 1");
        assert_eq!(
            written(&error),
            "error: --require 1.5: not between 0 and 1\n"
        );
    }

    #[test]
    fn causes_are_compared_with_the_last_line_printed() {
        // Every cause is part of the top line, the second too, though it is
        // longer than the first (skipped) one.
        let error = Err::<(), _>(missing_file())
            .context("runs/x/config.json")
            .context("reading runs/x/config.json: No such file or directory")
            .unwrap_err();
        assert_eq!(
            written(&error),
            "error: reading runs/x/config.json: No such file or directory\n"
        );
    }

    #[test]
    fn the_exit_code_says_whether_it_failed() {
        assert_eq!(report(Ok(())), ExitCode::SUCCESS);
        assert_eq!(
            report(Err(anyhow::anyhow!("a test of report: ignore this line"))),
            ExitCode::FAILURE
        );
    }
}
