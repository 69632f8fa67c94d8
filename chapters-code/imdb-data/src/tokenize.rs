//! The tokenizer, exactly as the book specifies it.
//!
//! 1. Replace every `<br />` (the line breaks of the IMDB files) by a space.
//! 2. Lowercase the ASCII letters A–Z; leave every other character as it is.
//! 3. A token is a maximal run of the characters `a–z`, `0–9` and `'`;
//!    every other character (punctuation, space, any non-ASCII letter) separates tokens.
//! 4. Strip apostrophes at both ends of a token ("'tis'" → "tis"), and drop
//!    tokens that are left empty.

// ANCHOR: tokenize
/// The tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<String> {
    let text = text.replace("<br />", " ");
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in text.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\'' {
            current.push(c);
        } else {
            push_token(&mut tokens, &mut current);
        }
    }
    push_token(&mut tokens, &mut current);
    tokens
}

fn push_token(tokens: &mut Vec<String>, current: &mut String) {
    let token = current.trim_matches('\'');
    if !token.is_empty() {
        tokens.push(token.to_owned());
    }
    current.clear();
}
// ANCHOR_END: tokenize

#[cfg(test)]
mod tests {
    use super::tokenize;

    #[test]
    fn splits_on_punctuation_and_line_breaks() {
        assert_eq!(
            tokenize("Great film!<br /><br />10/10, would watch."),
            ["great", "film", "10", "10", "would", "watch"]
        );
    }

    #[test]
    fn keeps_inner_apostrophes_and_strips_outer_ones() {
        assert_eq!(
            tokenize("Don't say 'never' or ''"),
            ["don't", "say", "never", "or"]
        );
    }

    #[test]
    fn non_ascii_letters_separate_tokens_and_are_not_lowercased() {
        assert_eq!(
            tokenize("Café CRÈME naïve Ünïcode"),
            ["caf", "cr", "me", "na", "ve", "n", "code"]
        );
    }

    #[test]
    fn empty_and_separator_only_texts_have_no_tokens() {
        assert!(tokenize("").is_empty());
        assert!(tokenize("<br /> ... !!! ''' ").is_empty());
    }
}
