//! Every option of every program says what it does: checked by each
//! program's tests, which run its `-h` for every subcommand.

use std::process::Command;

/// The text of `program ARGS -h` (clap's short help).
fn short_help(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .arg("-h")
        .output()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    assert!(out.status.success(), "{program} {args:?} -h failed");
    String::from_utf8(out.stdout).expect("help is UTF-8")
}

/// The lines of the section `title` (such as `Options:`) of a help text.
fn section<'a>(help: &'a str, title: &str) -> Vec<&'a str> {
    help.lines()
        .skip_while(|l| *l != title)
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .collect()
}

/// The description of an entry line of clap's short help (`  --name <V>  What
/// it does [default: 1]`), without the default and the possible values.
fn description(line: &str) -> String {
    let Some((_, text)) = line.trim_start().split_once("  ") else {
        return String::new();
    };
    let mut text = text.trim().to_owned();
    for bracket in ["[default: ", "[possible values: ", "[aliases: "] {
        if let Some(at) = text.find(bracket) {
            text.truncate(at);
        }
    }
    text.trim().to_owned()
}

/// The subcommands of `program` (those its `-h` lists, `help` aside).
pub fn subcommands(program: &str) -> Vec<String> {
    section(&short_help(program, &[]), "Commands:")
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// The options and arguments of every subcommand of `program` that have
/// no description in its help, as `SUBCOMMAND ENTRY`; panics if a
/// subcommand's help lists no option at all (the check would be empty).
pub fn undocumented(program: &str) -> Vec<String> {
    let commands = subcommands(program);
    assert!(!commands.is_empty(), "{program} -h lists no subcommand");
    let mut missing = Vec::new();
    for command in commands {
        let help = short_help(program, &[&command]);
        let options = section(&help, "Options:");
        assert!(
            options.iter().any(|l| l.contains("--help")),
            "{program} {command} -h lists no option:\n{help}"
        );
        for line in options.iter().chain(&section(&help, "Arguments:")) {
            let entry = line.trim_start();
            let is_entry = entry.starts_with(['-', '<', '[']);
            if is_entry && description(line).is_empty() {
                let name = entry.split("  ").next().unwrap_or(entry);
                missing.push(format!("{command} {name}"));
            }
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_is_the_text_before_the_default() {
        assert_eq!(
            description("      --seed <SEED>  The seed [default: 42]"),
            "The seed"
        );
        assert_eq!(description("      --seed <SEED>  [default: 42]"), "");
        assert_eq!(
            description(
                "      --cell <CELL>  [default: lstm] [possible values: lstm, gru]"
            ),
            ""
        );
        assert_eq!(description("      --resume"), "");
        assert_eq!(description("  -h, --help  Print help"), "Print help");
    }
}
