//! A passage of the article on one line, cut at a word boundary: how messages, outlines and
//! hovers quote a sentence or a boilerplate line. It knows nothing of what the passage is.

const SUMMARY_CHARS: usize = 80;

/// The passage on one line (whitespace runs become one space), cut at a word boundary after at
/// most `SUMMARY_CHARS` characters, with `…` where it was cut.
pub fn summarize(sentence: &str) -> String {
    // Only the first `SUMMARY_CHARS + 1` characters of the flattened passage decide the
    // summary: a timeline summarises every dated sentence, and a paragraph may be one sentence.
    let mut flat = String::new();
    let mut flat_chars = 0;
    for word in sentence.split_whitespace() {
        if !flat.is_empty() {
            flat.push(' ');
            flat_chars += 1;
        }
        flat.push_str(word);
        flat_chars += word.chars().count();
        if flat_chars > SUMMARY_CHARS {
            break;
        }
    }
    if flat_chars <= SUMMARY_CHARS {
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
        // Exactly `SUMMARY_CHARS` characters once flattened is whole; one more is cut.
        assert_eq!(summarize(&"ab\n".repeat(27)), "ab ".repeat(27).trim_end());
        assert_eq!(summarize(&"ab ".repeat(28)), format!("{}…", "ab ".repeat(26).trim_end()));
        assert_eq!(summarize(&"é".repeat(81)), format!("{}…", "é".repeat(80)));
    }
}
