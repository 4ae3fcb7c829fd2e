//! Near-miss names: whether two spellings are likely the same name with a typing error
//! ("Vladamir Putin" / "Vladimir Putin"), by edit distance over normalised words.
//!
//! Knows nothing of entities, articles or diagnostics: grouping and the corpus index decide
//! what to merge and what to report.

/// Restricted Damerau–Levenshtein distance (an adjacent transposition costs one), over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    rows[a.len() * width + b.len()]
}

/// Normalised words of a name: lower case, periods and possessive marks dropped.
pub fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|word| {
            word.chars()
                .filter(|c| !matches!(c, '.' | '\'' | '’'))
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// Shortest single-word name that can be a misspelling of another: shorter names differ by one
/// letter too often on purpose ("Iran" / "Iraq").
const SINGLE_WORD_MIN_CHARS: usize = 7;

/// Whether `variant` reads as a misspelling of `name`: different, but only by a letter or two
/// inside words that otherwise line up ("Vladamir Putin" / "Vladimir Putin").
pub fn is_near_miss(variant: &[String], name: &[String]) -> bool {
    if variant == name || variant.len() != name.len() || variant.is_empty() {
        return false;
    }
    let mut total = 0;
    let mut differing_words = 0;
    for (a, b) in variant.iter().zip(name) {
        if a == b {
            continue;
        }
        differing_words += 1;
        let shortest = a.chars().count().min(b.chars().count());
        let distance = edit_distance(a, b);
        // A word must keep its first letter and most of its letters to be the same word misspelt.
        let same_start = a.chars().next() == b.chars().next();
        if !same_start || shortest < 4 || distance * 4 > shortest {
            return false;
        }
        total += distance;
    }
    if variant.len() == 1 {
        let length = variant[0].chars().count().min(name[0].chars().count());
        return total == 1 && length >= SINGLE_WORD_MIN_CHARS;
    }
    differing_words == 1 && total <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: &str, b: &str) -> bool {
        is_near_miss(&name_words(a), &name_words(b))
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("vladamir", "vladimir"), 1);
        assert_eq!(edit_distance("psaki", "psaik"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn near_misses() {
        assert!(near("Vladamir Putin", "Vladimir Putin"));
        assert!(near("Volodymir Zelensky", "Volodymyr Zelensky"));
        assert!(near("Zelenksyy", "Zelenskyy"));
        assert!(!near("Vladimir Putin", "Vladimir Putin"));
        assert!(!near("Iran", "Iraq"));
        assert!(!near("Russia", "Russian"));
        assert!(!near("Joe Biden", "Jill Biden"));
        assert!(!near("John Smith", "Jane Smith"));
        assert!(!near("Austria", "Australia"));
    }
}
