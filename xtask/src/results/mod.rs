//! Numbers in the prose come from the recorded results files, never typed.
//!
//! A page writes a measured number as a reference to the file that
//! records it; the book's build replaces the reference with the value,
//! formatted:
//!
//! ```text
//! {{#result ch04-imdb.json /runs/[config.cell=gru]/test_accuracy .3}}
//! {{#result ch03-4-pytorch.json /summary/0/rust_seconds over /summary/0/pytorch_seconds .2}}
//! {{#given 0.003 | the learning rate: a setting, not a measurement}}
//! {{#provenance ch06-adding.json}}
//! ```
//!
//! * `result FILE POINTER [OP POINTER] FORMAT…`: FILE is under
//!   `book/results/` (or, written `generated/NAME.json`, under
//!   `book/generated/`: data the build computes for a figure); POINTER is a JSON pointer whose segments may also
//!   select an array element by a field, `[key=value]` (the key may be a
//!   dotted path); OP is `over`, `minus`, `times` or `plus`; the format is
//!   described in [`format`].
//! * `given TEXT | REASON`: a number that is not a measurement of this book
//!   (a setting, a paper's published figure), shown as TEXT; the reason is
//!   required and stays in the source.
//! * `provenance FILE`: the line saying which command, commit, date and
//!   machine made the file (put under each figure drawn from it).
//!
//! [`expand`] does the replacement, for `cargo xtask book` (in-process) and
//! for a plain `mdbook build` (the `mdbook-results` preprocessor registered
//! in `book.toml`); [`typed`] finds measured-looking numbers typed by hand.

pub mod format;
pub mod pointer;
pub mod preprocessor;
pub mod provenance;
pub mod typed;

use std::ops::Range;
use std::path::Path;

use serde_json::Value;

/// One `{{#result …}}`, `{{#given …}}` or `{{#provenance …}}` in a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Directive<'a> {
    /// Where it is in the page, braces included.
    pub span: Range<usize>,
    /// `result`, `given` or `provenance`.
    pub kind: &'a str,
    /// Everything after the kind, trimmed.
    pub args: &'a str,
}

/// The kinds of directive this module expands.
pub const KINDS: [&str; 3] = ["result", "given", "provenance"];

/// Every directive of [`KINDS`] in `text`, in order, skipping escaped ones
/// (`\{{#result …}}`, which mdBook's own `links` step then unescapes).
pub fn directives(text: &str) -> Vec<Directive<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("{{#").map(|i| i + from) {
        let Some(len) = text[at..].find("}}") else {
            break;
        };
        let end = at + len + 2;
        let inner = &text[at + 3..end - 2];
        let (kind, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let escaped = at > 0 && text.as_bytes()[at - 1] == b'\\';
        if KINDS.contains(&kind) && !escaped {
            found.push(Directive {
                span: at..end,
                kind,
                args: args.trim(),
            });
        }
        from = end;
    }
    found
}

/// `text` with every directive replaced by its value, reading results
/// files from `results`; or every error, each naming the directive.
pub fn expand(text: &str, results: &Path) -> Result<String, Vec<String>> {
    let mut out = String::with_capacity(text.len());
    let mut errors = Vec::new();
    let mut last = 0;
    for d in directives(text) {
        out.push_str(&text[last..d.span.start]);
        match value_of(&d, results) {
            Ok(value) => out.push_str(&value),
            Err(e) => errors.push(format!("{}: {e}", &text[d.span.clone()])),
        }
        last = d.span.end;
    }
    out.push_str(&text[last..]);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// What one directive stands for.
fn value_of(d: &Directive, results: &Path) -> Result<String, String> {
    match d.kind {
        "given" => given(d.args).map(str::to_owned),
        "provenance" => provenance::caption(results, d.args),
        _ => result(d.args, results),
    }
}

/// `TEXT | REASON` → TEXT; both must be present.
pub fn given(args: &str) -> Result<&str, String> {
    match args.split_once('|') {
        Some((text, reason)) if !text.trim().is_empty() && !reason.trim().is_empty() => {
            Ok(text.trim())
        }
        _ => Err(
            "write `{{#given TEXT | REASON}}`, with the reason the number is not a \
                  measurement of this book"
                .to_owned(),
        ),
    }
}

/// `FILE POINTER [OP POINTER] FORMAT…` → the formatted value.
fn result(args: &str, results: &Path) -> Result<String, String> {
    let words: Vec<&str> = args.split_whitespace().collect();
    let [file, first, rest @ ..] = words.as_slice() else {
        return Err("write `{{#result FILE POINTER FORMAT}}`".to_owned());
    };
    let json = load(results, file)?;
    let a = pointer::lookup(&json, first).map_err(|e| format!("{file}: {e}"))?;
    let (value, spec) = match rest {
        [op, second, spec @ ..] if OPS.contains(op) => {
            let b = pointer::lookup(&json, second).map_err(|e| format!("{file}: {e}"))?;
            (combine(file, op, (first, &a), (second, &b))?, spec)
        }
        spec => (a, spec),
    };
    format::apply(&value, spec).map_err(|e| format!("{file} {first}: {e}"))
}

/// The arithmetic a reference may do on two recorded values.
const OPS: [&str; 4] = ["over", "minus", "times", "plus"];

fn combine(
    file: &str,
    op: &str,
    a: (&str, &Value),
    b: (&str, &Value),
) -> Result<Value, String> {
    let number = |(ptr, v): (&str, &Value)| {
        v.as_f64()
            .ok_or_else(|| format!("{file} {ptr}: `{op}` needs a number, found {v}"))
    };
    let (x, y) = (number(a)?, number(b)?);
    let z = match op {
        "over" => x / y,
        "minus" => x - y,
        "times" => x * y,
        _ => x + y,
    };
    serde_json::Number::from_f64(z)
        .map(Value::Number)
        .ok_or_else(|| format!("{file}: {} {op} {} is not a finite number", a.0, b.0))
}

/// Read `results/file` as JSON, with an error naming the file. A file
/// named `generated/…` is one the book's build computes (a figure's data,
/// made from code and a seed, not a measurement), beside `results/`.
pub fn load(results: &Path, file: &str) -> Result<Value, String> {
    let path = match file.strip_prefix("generated/") {
        Some(name) => results.with_file_name("generated").join(name),
        None => results.join(file),
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read the results file {}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("the results file {} is not JSON: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let json = r#"{"runs": [{"cell": "lstm", "acc": 0.80991, "s": 4.0},
                                {"cell": "gru", "acc": 0.8106, "s": 3.0}]}"#;
        std::fs::write(dir.path().join("r.json"), json).unwrap();
        dir
    }

    #[test]
    fn references_are_replaced_by_their_formatted_values() {
        let dir = results();
        let page = "LSTM {{#result r.json /runs/0/acc .3}}, GRU \
                    {{#result r.json /runs/[cell=gru]/acc %.1}}, ratio \
                    {{#result r.json /runs/1/s over /runs/0/s .2}}, lr {{#given 0.003 | a setting}}.";
        assert_eq!(
            expand(page, dir.path()).unwrap(),
            "LSTM 0.810, GRU 81.1%, ratio 0.75, lr 0.003."
        );
    }

    #[test]
    fn a_missing_file_or_key_names_the_file_and_the_key() {
        let dir = results();
        let errors = expand(
            "{{#result r.json /runs/7/acc .3}} {{#result gone.json /x .1}} {{#result r.json /runs/[cell=rnn]/acc .1}}",
            dir.path(),
        )
        .unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].contains("r.json") && errors[0].contains("/runs/7"),
            "{}",
            errors[0]
        );
        assert!(errors[1].contains("gone.json"), "{}", errors[1]);
        assert!(errors[2].contains("cell=rnn"), "{}", errors[2]);
    }

    #[test]
    fn escaped_and_other_directives_are_left_alone() {
        let dir = results();
        let page = r"\{{#result r.json /runs/0/acc .3}} {{#include x.md}}";
        assert_eq!(expand(page, dir.path()).unwrap(), page);
    }

    #[test]
    fn a_given_number_needs_a_reason() {
        assert!(expand("{{#given 0.003}}", Path::new(".")).is_err());
        assert!(expand("{{#given 0.003 | }}", Path::new(".")).is_err());
    }
}
