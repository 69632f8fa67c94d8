//! Every row of a Markdown table has as many cells as its header: a row
//! with a cell too few shifts every value after it into the wrong column
//! without any warning from mdBook (a generated table that forgot one
//! field did exactly that).

use std::path::Path;

use super::{Kind, Problem};

/// The cells of a table row `| a | b |` (2 here), or `None` if the line is
/// not a table row. A `\|` inside a cell, and a `|` inside a `{{…}}`
/// directive (which the book's build replaces first), do not separate cells.
fn cells(line: &str) -> Option<usize> {
    let row = line.trim();
    if !row.starts_with('|') {
        return None;
    }
    let (mut separators, mut depth, mut previous) = (0usize, 0usize, ' ');
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                depth += 1;
            }
            '}' if chars.peek() == Some(&'}') && depth > 0 => {
                chars.next();
                depth -= 1;
            }
            '|' if depth == 0 && previous != '\\' => separators += 1,
            _ => {}
        }
        previous = c;
    }
    Some(separators.saturating_sub(1))
}

/// One problem for every row of every table in `text` (a page or a
/// generated table at `page`) whose cell count differs from its header's.
pub fn check_table_rows(page: &Path, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut header: Option<(usize, usize)> = None;
    let mut in_code = false;
    for (index, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        match (in_code, cells(line)) {
            (false, Some(count)) => match header {
                None => header = Some((index + 1, count)),
                Some((at, expected)) if count != expected => problems.push(Problem {
                    kind: Kind::TableRow,
                    file: page.to_path_buf(),
                    line: index + 1,
                    message: format!(
                        "this table row has {count} cells but the header on line {at} has \
                         {expected}: every row needs one cell per column"
                    ),
                }),
                Some(_) => {}
            },
            _ => header = None,
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_with_a_cell_too_few_is_found() {
        let text = "| a | b | c |\n|---|---|---|\n| 1 | {{#given 2 | why}} | 3 |\n| 1 | 2 |\n\n| x |\n|---|\n| `a \\| b` |\n";
        let problems = check_table_rows(Path::new("t.md"), text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 4);
        assert!(
            problems[0].message.contains("2 cells")
                && problems[0].message.contains("has 3")
        );
    }
}
