//! A page holds no control characters: a stray one (a bell from a mistyped
//! `\a` in a script that wrote the page, say) silently breaks the formula or
//! the paragraph it sits in, and renders as nothing the reader can see.

use std::path::Path;

use super::{Kind, Problem};

/// One problem for every line of `text` (a page at `page`) that holds a
/// control character other than a tab, naming the character's code.
pub fn check_control_characters(page: &Path, text: &str) -> Vec<Problem> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let bad = line.chars().find(|&c| c.is_control() && c != '\t')?;
            Some(Problem {
                kind: Kind::ControlCharacter,
                file: page.to_path_buf(),
                line: index + 1,
                message: format!(
                    "the control character U+{:04X} is in this line: delete it (a formula's \
                     backslash may have been taken as an escape)",
                    u32::from(bad)
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bell_in_a_formula_is_found_and_tabs_are_not() {
        let text = "fine\n$$\n\u{7}lpha_t = 1\n$$\nand\ta tab\n";
        let problems = check_control_characters(Path::new("p.md"), text);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 3);
        assert!(
            problems[0].message.contains("U+0007"),
            "{}",
            problems[0].message
        );
    }
}
