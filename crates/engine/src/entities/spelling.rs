//! Near-miss names: whether two spellings are likely the same name with a typing error
//! ("Vladamir Putin" / "Vladimir Putin"), compared word by word.
//!
//! A spelling variant is not a typo when it is another form of the same word: a plural or a
//! possessive ("Republicans", "Bell's"), a demonym and its country ("American" / "America"),
//! punctuation caught at a word's edge ("Leicester)"). Different initials are different people.
//! A short word counts as misspelt only by the slips a typist makes (two letters swapped, one
//! dropped or doubled, a key's neighbour struck); a long one also by any one letter changed
//! (a transliteration: "Volodymir" / "Volodymyr").
//!
//! Knows nothing of entities, articles or diagnostics: grouping decides what to merge and report.
//! Of the model it knows only which spellings the news it learned from writes (`both_known`).

use crate::entities::model::knows_spelling;

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

/// Normalised words of a name: lower case, punctuation at the edges of words and a final
/// possessive dropped ("Bell's" → "bell", "Leicester)" → "leicester"), periods dropped.
pub fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|word| {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            let word = ["'s", "’s", "'S", "’S"]
                .into_iter()
                .find_map(|possessive| word.strip_suffix(possessive))
                .unwrap_or(word);
            if word.is_ascii() {
                // Most names: lower-cased byte by byte.
                word.bytes()
                    .filter(|byte| !matches!(byte, b'.' | b'\''))
                    .map(|byte| byte.to_ascii_lowercase() as char)
                    .collect::<String>()
            } else {
                word.chars()
                    .filter(|c| !matches!(c, '.' | '\'' | '’'))
                    .flat_map(char::to_lowercase)
                    .collect::<String>()
            }
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// Endings that make another form of the same word: plurals and demonyms ("Iranians",
/// "American", "Argentines", "Olympics", "Japanese").
const WORD_FORM_ENDINGS: &[&str] = &[
    "s", "es", "n", "an", "ian", "ans", "ians", "ns", "ese", "i", "is", "ic", "ics", "ish", "er",
    "ers",
];

/// Whether one word is the other with an ending that makes another form of it, the other's
/// final vowel or `y` dropped first where the ending replaces it ("Italy" / "Italian",
/// "Argentina" / "Argentines").
pub fn is_word_form(a: &str, b: &str) -> bool {
    let extends = |stem: &str, word: &str, endings: &[&str]| {
        word.strip_prefix(stem)
            .is_some_and(|ending| endings.contains(&ending))
    };
    let one_way = |short: &str, long: &str| {
        if extends(short, long, WORD_FORM_ENDINGS) {
            return true;
        }
        let stem = short.trim_end_matches(['a', 'e', 'i', 'o', 'u', 'y']);
        stem.len() >= 3 && stem.len() < short.len() && extends(stem, long, STEM_ENDINGS)
    };
    one_way(a, b) || one_way(b, a) || same_stem_other_ending(a, b)
}

/// Endings that derive words of one stem from each other ("Semitism" / "Semitic", "Marxist" /
/// "Marxism"). Not "-is" or "-ian": a letter dropped from "-ics" or "-ican" ("Olympis",
/// "Amerian") is a slip.
const DERIVATION_ENDINGS: &[&str] = &["ism", "isms", "ist", "ists", "ic", "ics", "ite", "ites"];

/// Whether the two words are one stem (four letters at least) with two different endings of
/// `DERIVATION_ENDINGS`.
fn same_stem_other_ending(a: &str, b: &str) -> bool {
    DERIVATION_ENDINGS.iter().any(|ending| {
        a.strip_suffix(ending).is_some_and(|stem| {
            stem.chars().count() >= 4
                && b.strip_prefix(stem).is_some_and(|other| {
                    other != *ending && DERIVATION_ENDINGS.contains(&other)
                })
        })
    })
}

/// Whether two names as written differ inside a part in capitals ("UK-based" / "US-based"):
/// such parts are codes and abbreviations, which differ by a letter on purpose. (The words
/// `name_words` compares are lower-cased, so this reads the names themselves.)
pub fn differ_in_capitals(a: &str, b: &str) -> bool {
    let parts = |name: &'_ str| -> Vec<String> {
        name.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|part| !part.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (a_parts, b_parts) = (parts(a), parts(b));
    a_parts.len() == b_parts.len()
        && a_parts.iter().zip(&b_parts).any(|(x, y)| {
            x.to_lowercase() != y.to_lowercase()
                && [x, y].iter().all(|part| {
                    part.chars().count() >= 2 && !part.chars().any(char::is_lowercase)
                })
        })
}

/// Whether the news the model learned from knows both spellings of the word where two names
/// differ, as written ("Three" / "There", "Liffe" / "Life"): a slip of the keys is almost never
/// written the same way often enough to be learned, so these are two words, not one misspelt.
pub fn both_known(a: &str, b: &str) -> bool {
    let word = |raw: &str| raw.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    a.split_whitespace()
        .zip(b.split_whitespace())
        .map(|(x, y)| (word(x), word(y)))
        .find(|(x, y)| x.to_lowercase() != y.to_lowercase())
        .is_some_and(|(x, y)| knows_spelling(&x) && knows_spelling(&y))
}

/// Endings that replace a final vowel: "Argentina" → "Argentine", "Italy" → "Italian", and
/// none: "Germany" → "German".
const STEM_ENDINGS: &[&str] = &[
    "", "e", "es", "an", "ans", "ian", "ians", "ean", "eans", "ese", "i", "is", "ic", "ish",
];

/// Neighbouring keys on a QWERTY keyboard, each row with the row below it.
const KEYBOARD_ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

fn key_position(key: char) -> Option<(usize, usize)> {
    KEYBOARD_ROWS
        .iter()
        .enumerate()
        .find_map(|(row, keys)| keys.find(key).map(|column| (row, column)))
}

/// Whether two keys touch on a QWERTY keyboard (same row side by side, or the row above or
/// below within one key).
fn are_neighbour_keys(a: char, b: char) -> bool {
    match (key_position(a), key_position(b)) {
        (Some((row_a, column_a)), Some((row_b, column_b))) => {
            let rows_apart = row_a.abs_diff(row_b);
            (rows_apart == 0 && column_a.abs_diff(column_b) == 1)
                || (rows_apart == 1 && column_a.abs_diff(column_b) <= 1)
        }
        _ => false,
    }
}

/// Whether `variant` is `word` with one slip of a typist: two adjacent letters swapped, one
/// letter dropped, one letter doubled or one struck beside its neighbour, or a letter replaced
/// by a neighbouring key.
pub fn is_typing_slip(variant: &str, word: &str) -> bool {
    let v: Vec<char> = variant.chars().collect();
    let w: Vec<char> = word.chars().collect();
    let prefix = v.iter().zip(&w).take_while(|(a, b)| a == b).count();
    let suffix = v[prefix..]
        .iter()
        .rev()
        .zip(w[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (v_mid, w_mid) = (&v[prefix..v.len() - suffix], &w[prefix..w.len() - suffix]);
    match (v_mid.len(), w_mid.len()) {
        // Swapped: "Wilosn" / "Wilson" (the middles are "os" and "so").
        (2, 2) => v_mid[0] == w_mid[1] && v_mid[1] == w_mid[0],
        // Replaced by a neighbouring key: "Crydtal" / "Crystal".
        (1, 1) => are_neighbour_keys(v_mid[0], w_mid[0]),
        // Dropped: "Jaan" / "Japan".
        (0, 1) => true,
        // Doubled or struck beside its neighbour: "Cofffee", "Presideent".
        (1, 0) => {
            let extra = v_mid[0];
            let before = prefix.checked_sub(1).and_then(|at| v.get(at)).copied();
            let after = v.get(prefix + 1).copied();
            [before, after]
                .into_iter()
                .flatten()
                .any(|next| next == extra || are_neighbour_keys(next, extra))
        }
        _ => false,
    }
}

/// Shortest word that can be misspelt at all: shorter names differ by a letter on purpose.
const MIN_WORD_CHARS: usize = 4;

/// Shortest word that counts as misspelt by any one letter changed, not only by a typing slip.
const ANY_CHANGE_MIN_CHARS: usize = 7;

/// Whether `variant` reads as a misspelling of `name`: different in one word only, by one
/// letter (or, in a long word, two), and not another form of the word. The first letters must
/// agree: a changed initial is another name ("Joe Biden" / "Jill Biden", "Mali" / "Bali").
pub fn is_near_miss(variant: &[String], name: &[String]) -> bool {
    if variant == name || variant.len() != name.len() || variant.is_empty() {
        return false;
    }
    let mut differing = variant.iter().zip(name).filter(|(a, b)| a != b);
    let (Some((a, b)), None) = (differing.next(), differing.next()) else {
        return false;
    };
    let shortest = a.chars().count().min(b.chars().count());
    if shortest < MIN_WORD_CHARS
        || a.chars().next() != b.chars().next()
        || is_word_form(a, b)
        || is_abbreviation(a)
        || is_abbreviation(b)
        || without_hyphens(a) == without_hyphens(b)
        || short_part_differs(a, b)
        || a.chars().chain(b.chars()).any(|c| c.is_ascii_digit())
        || differ_in_accents_only(a, b)
    {
        return false;
    }
    if is_typing_slip(a, b) {
        return true;
    }
    let distance = edit_distance(a, b);
    // A long word changed by one letter (two in a very long one) is the same word, as the
    // transliterations of a name are.
    shortest >= ANY_CHANGE_MIN_CHARS && (distance == 1 || (distance == 2 && shortest >= 10))
}

/// The word with its hyphens dropped: "Euro-sceptic" and "Eurosceptic" are one spelling
/// hyphenated two ways, a matter of style, not a misspelling.
fn without_hyphens(word: &str) -> String {
    word.replace(['-', '‐', '‑'], "")
}

/// Whether two hyphenated words differ in one part too short to be misspelt: "D-Va." / "D-Ga."
/// (a party and a state) are two labels, not a slip.
fn short_part_differs(a: &str, b: &str) -> bool {
    let (a_parts, b_parts) = (a.split('-'), b.split('-'));
    a_parts.clone().count() > 1
        && a_parts.clone().count() == b_parts.clone().count()
        && a_parts
            .zip(b_parts)
            .any(|(a, b)| a != b && a.chars().count().min(b.chars().count()) < MIN_WORD_CHARS)
}

/// Whether every letter the two words differ in is a letter outside ASCII on one side
/// ("Guantánamo" / "Guantanamo", "Müller" / "Muller"): a name written with and without its
/// accents, as wire copy often does, is the same spelling; a typist's slip strikes a key.
fn differ_in_accents_only(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || !x.is_ascii() || !y.is_ascii())
}

/// A word without a vowel is an abbreviation ("Stks", "Stcks", "Hldgs", "Mgmt"): abbreviations
/// drop letters on purpose, so two of them differing by a letter are not a misspelling.
fn is_abbreviation(word: &str) -> bool {
    !word
        .chars()
        .any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y') || !c.is_ascii())
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
        // Two derivations of one stem; codes in capitals inside a compound.
        assert!(!near("anti-Semitism", "anti-Semitic"));
        assert!(!near("Marxist", "Marxism"));
        assert!(differ_in_capitals("UK-based firms", "US-based firms"));
        assert!(!differ_in_capitals("BANK OF NEW ENGLAND", "Bank of New Engalnd"));
        assert!(near("Olympis", "Olympics"));
        assert!(!differ_in_capitals("Vladamir Putin", "Vladimir Putin"));
        assert!(!near("Euro-Sceptic", "Eurosceptic"));
        // Abbreviations in a table drop letters on purpose.
        assert!(!near("Start Stks", "Start Stcks"));
        assert!(!near("Hldgs", "Hldngs"));
        // Labels of a party and a state, handles with numbers, a name with and without its
        // accents.
        assert!(!near("D-Va.", "D-Ga."));
        assert!(!near("TurMedia333", "TurMedia334"));
        assert!(!near("Guantánamo", "Guantanamo"));
        assert!(near("Guantánamo Bay", "Guantámano Bay"));
    }

    #[test]
    fn the_slips_of_a_typist_in_short_names_are_misspellings() {
        for (variant, name) in [
            ("Wilosn", "Wilson"),
            ("Itayl", "Italy"),
            ("Jaan", "Japan"),
            ("Crydtal", "Crystal"),
            ("Cofffee", "Coffee"),
            ("Untied States", "United States"),
            ("Mecrk", "Merck"),
        ] {
            assert!(near(variant, name), "{variant} / {name}");
        }
        // A short word changed by a key far away is another name.
        assert!(!near("Sudan", "Sedan"));
        assert!(!near("Bush", "Rush"));
    }

    #[test]
    fn other_forms_of_a_word_are_not_misspellings() {
        for (a, b) in [
            ("Republicans", "Republican"),
            ("Americans", "American"),
            ("Ethiopians", "Ethiopian"),
            ("North American", "North America"),
            ("Latin America", "Latin American"),
            ("Iranians", "Iranian"),
            ("Olympic", "Olympics"),
            ("Argentines", "Argentine"),
            ("Grand Slam", "Grand Slams"),
            ("Palo Verde Units", "Palo Verde Unit"),
            ("Conservative", "Conservatives"),
            ("West German", "West Germany"),
        ] {
            assert!(!near(a, b), "{a} / {b}");
        }
        // Punctuation and a possessive are not part of the name.
        assert_eq!(name_words("Leicester)"), ["leicester"]);
        assert_eq!(name_words("New Jersey Bell's"), ["new", "jersey", "bell"]);
        assert!(!near("Leicester)", "Leicester"));
    }
}
