//! Classification of a quotation's content: a quoted title ("Meet the Press") or words.
//!
//! It reads only the quoted text, not the speaker: whether a quote is speech or a term or scare
//! quote is decided by the speech model (`model.rs`), in the parent module.

use crate::span::Span;

use super::lexicon;

/// Titles longer than this are read as speech in title case.
const TITLE_MAX_WORDS: usize = 12;

/// A quoted title of a show, book, film or law: title case, no final punctuation inside
/// the marks, at least two words. All-capital text is shouting or a headline, not a title.
pub fn is_title(text: &str, content: Span) -> bool {
    let quoted = content.slice(text).trim();
    if quoted.ends_with(['.', ',', '!', '?', ';', ':', '…', '-', '—'])
        || !quoted.contains(char::is_lowercase)
    {
        return false;
    }
    let words: Vec<&str> = quoted.split_whitespace().collect();
    if words.len() < 2 || words.len() > TITLE_MAX_WORDS {
        return false;
    }
    words.iter().enumerate().all(|(index, word)| {
        let first = word
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next();
        match first {
            None => true,
            Some(c) if !c.is_alphabetic() || c.is_uppercase() => true,
            Some(_) => index > 0 && lexicon::is_small_title_word(word),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(quoted: &str) -> bool {
        is_title(quoted, Span::new(0, quoted.len()))
    }

    #[test]
    fn titles_are_title_case_without_final_punctuation() {
        assert!(title("Meet the Press"));
        assert!(title("The Art of the Deal"));
        assert!(!title("We will see"));
        assert!(!title("Hope and expectation"));
        assert!(!title("We Will Win."));
        assert!(!title("Hamilton"), "one word may be a scare quote");
        assert!(!title("LOCK HER UP"));
    }
}
