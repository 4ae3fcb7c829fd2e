//! A passage of the article on one line, cut at a word boundary: how messages, outlines and
//! hovers quote a sentence or a boilerplate line. It knows nothing of what the passage is.

const SUMMARY_CHARS: usize = 80;

/// The passage on one line (whitespace runs become one space), cut at a word boundary after at
/// most `SUMMARY_CHARS` characters, with `…` where it was cut.
pub fn summarize(sentence: &str) -> String {
    let flat: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SUMMARY_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(SUMMARY_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > SUMMARY_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_passage_is_cut_at_a_word_boundary() {
        assert_eq!(summarize("Blinken  spoke\non Sunday."), "Blinken spoke on Sunday.");
        let long = "word ".repeat(40);
        let cut = summarize(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= SUMMARY_CHARS + 1);
    }
}
