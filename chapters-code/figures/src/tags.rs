//! What ties a diagram to its page: the equation tags and the colours that
//! both name. The chapters' tests compare the two.

/// Every equation tag `(P1)`, `(P2)`, … with the letter `prefix` in `text`
/// (a page's Markdown or a diagram's SVG): the chapters' tests use it to
/// check that a diagram tags exactly the equations its page numbers.
pub fn equation_tags(text: &str, prefix: char) -> std::collections::BTreeSet<String> {
    let open = format!("({prefix}");
    text.match_indices(&open)
        .filter_map(|(at, _)| {
            let rest = &text[at + open.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let closed = rest[digits.len()..].starts_with(')');
            (!digits.is_empty() && closed).then(|| format!("({prefix}{digits})"))
        })
        .collect()
}

/// Every colour `#RRGGBB` given to `\textcolor` in `text` (a page's Markdown).
pub fn textcolours(text: &str) -> std::collections::BTreeSet<String> {
    text.match_indices("\\textcolor{#")
        .map(|(at, _)| text[at + 11..at + 18].to_uppercase())
        .collect()
}
