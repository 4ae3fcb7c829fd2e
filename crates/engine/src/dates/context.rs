//! Tense cues around an expression: does its clause speak of the past or of the future?
//!
//! A cheap stand-in for the governing verb's tense: the nearest verb cue of `tense_cues.txt`
//! in the sentence decides; weaker hints ("possible", "upcoming") decide only when no verb
//! does. It knows words and distances, nothing of calendars.

use crate::hash_maps::HashMap;
use std::sync::LazyLock;

use crate::lexicon::data_lines;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

impl Tense {
    fn parse(name: &str) -> Option<Tense> {
        match name {
            "past" => Some(Tense::Past),
            "present" => Some(Tense::Present),
            "future" => Some(Tense::Future),
            _ => None,
        }
    }
}

/// A cue word: its tense and whether it is a verb (strong) or only a hint.
#[derive(Debug, Clone, Copy)]
struct Cue {
    tense: Tense,
    verb: bool,
}

static CUES: LazyLock<HashMap<&'static str, Cue>> = LazyLock::new(|| {
    let mut cues = HashMap::default();
    for line in data_lines(include_str!("tense_cues.txt")) {
        let mut words = line.split_whitespace();
        let Some(head) = words.next() else {
            continue;
        };
        let verb = head.ends_with('!');
        let Some(tense) = Tense::parse(head.trim_end_matches('!')) else {
            continue;
        };
        for word in words {
            cues.entry(word).or_insert(Cue { tense, verb });
        }
    }
    cues
});

const AUXILIARIES: &[&str] = &["be", "been", "being", "to"];

/// Words that open another clause: its verbs govern the dates inside it, not those outside.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "saying", "which", "who", "because", "while", "although", "though", "but", "whether",
    "if", "unless",
];

/// Openers of a clause of time: after the expression they may also open a fronted phrase ("In
/// January, a week after the anniversary, a bombing killed …"), so a verb beyond one still
/// counts when the expression's own clause has none.
const TIME_CLAUSE_OPENERS: &[&str] = &["after", "when", "once"];

fn opens_clause(word: &str, openers: &[&str]) -> bool {
    openers.iter().any(|opener| opener.eq_ignore_ascii_case(word))
}

const BE_FORMS: &[&str] = &["is", "are", "was", "were", "am"];

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "this",
];

/// The tense that governs `expression` inside `sentence`, and the word that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenseCue<'t> {
    pub tense: Tense,
    pub word: Option<&'t str>,
    /// Whether a verb decided (reliable), rather than a hint.
    pub strong: bool,
}

/// Words of the sentence with their byte offsets; apostrophes stay inside words ("we'll").
fn words(text: &str, sentence: Span) -> impl Iterator<Item = (usize, &str)> {
    let slice = sentence.slice(text);
    let mut out = Vec::new();
    let mut start = None;
    for (index, c) in slice.char_indices() {
        let inside = c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
        match (inside, start) {
            (true, None) => start = Some(index),
            (false, Some(begin)) => {
                out.push((
                    sentence.start + begin,
                    slice.get(begin..index).unwrap_or(""),
                ));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        out.push((sentence.start + begin, slice.get(begin..).unwrap_or("")));
    }
    out.into_iter()
}

fn cue_of(word: &str) -> Option<Cue> {
    // Every word near every date is looked up: lowercasing into a buffer on the stack
    // instead of a new String halves the cost of the tense search.
    let mut buffer = [0u8; 32];
    let owned;
    let lower: &str = match buffer.get_mut(..word.len()) {
        Some(lowered) if word.is_ascii() => {
            lowered.copy_from_slice(word.as_bytes());
            lowered.make_ascii_lowercase();
            std::str::from_utf8(lowered).unwrap_or(word)
        }
        _ => {
            owned = word.to_lowercase();
            &owned
        }
    };
    // Contractions: "we'll", "they’d".
    for (suffix, key) in [("'ll", "'ll"), ("’ll", "’ll"), ("'d", "'d"), ("n't", "")] {
        if lower.len() > suffix.len() && lower.ends_with(suffix) && !key.is_empty() {
            return CUES.get(key).copied();
        }
    }
    if let Some(cue) = CUES.get(lower) {
        return Some(*cue);
    }
    // A regular past form ("acknowledged", "announced") is a verb cue when long enough to
    // not be a short noun ("bed", "red").
    // Capitalized words ("United") are names, not verbs.
    // "unspecified", "undisclosed", "unnamed": negated participles are adjectives.
    let negated = lower.starts_with("un") && !lower.starts_with("under");
    // Five letters are enough for a past form ("vowed", "urged", "cited"); of the nouns and
    // present forms that long and ending in "ed", most end in "eed" ("speed", "greed",
    // "bleed") or are "shred".
    let short_noun = lower.len() == 5 && (lower.ends_with("eed") || lower == "shred");
    if lower.len() >= 5
        && !short_noun
        && lower.ends_with("ed")
        && !negated
        && word.chars().all(|c| c.is_ascii_lowercase())
    {
        // Often a participle ("a reported meeting"), so only a hint.
        return Some(Cue {
            tense: Tense::Past,
            verb: false,
        });
    }
    None
}

/// Finds the tense that governs `expression` in `sentence`.
/// How far (in bytes, each side) a tense cue may stand from the expression it governs.
const TENSE_WINDOW_BYTES: usize = 300;

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

pub fn tense_at<'t>(text: &'t str, sentence: Span, expression: Span) -> TenseCue<'t> {
    // Only the words near the expression can govern it; a bounded window keeps the cost per
    // expression constant, however long the sentence (a run-on line of dates stays linear).
    let window = Span::new(
        floor_char_boundary(
            text,
            expression
                .start
                .saturating_sub(TENSE_WINDOW_BYTES)
                .max(sentence.start),
        ),
        floor_char_boundary(
            text,
            (expression.end + TENSE_WINDOW_BYTES).min(sentence.end),
        ),
    );
    let all: Vec<(usize, &str)> = words(text, window).collect();
    let anchor = all
        .iter()
        .position(|(offset, _)| *offset >= expression.start)
        .unwrap_or(all.len());
    // After the expression, a subordinating word opens another clause ("issued a statement
    // Friday saying the entry will …"), whose verbs do not govern the date.
    let first_opener_after = |openers: &[&str]| {
        all.iter()
            .enumerate()
            .skip(anchor)
            .find(|(_, (offset, word))| {
                !expression.contains(*offset)
                    && (opens_clause(word, CLAUSE_OPENERS) || opens_clause(word, openers))
            })
            .map_or(all.len(), |(index, _)| index)
    };
    let clause_end = first_opener_after(TIME_CLAUSE_OPENERS);
    let sentence_part_end = first_opener_after(&[]);
    // Before the expression, an opener puts it in a clause of its own ("He said that on Monday
    // the minister will announce …", "after the president met on Friday"): that clause's verbs
    // govern it, and the words before the opener only when the clause has no verb.
    let clause_start = all[..anchor]
        .iter()
        .rposition(|(offset, word)| {
            !expression.contains(*offset)
                && (opens_clause(word, CLAUSE_OPENERS) || opens_clause(word, TIME_CLAUSE_OPENERS))
        })
        .unwrap_or(0);
    let cue_in = |range, verb_only: bool| {
        nearest_cue(&all, anchor, expression, range).filter(|(_, cue, _)| cue.verb || !verb_only)
    };
    let in_own_clause = if clause_start > 0 {
        cue_in(clause_start..clause_end, true)
    } else {
        None
    };
    let best = in_own_clause
        .or_else(|| cue_in(0..clause_end, clause_end < sentence_part_end))
        .or_else(|| cue_in(0..sentence_part_end, false));
    match best {
        Some((_, cue, word)) => TenseCue {
            tense: cue.tense,
            word: Some(word),
            strong: cue.verb,
        },
        None => TenseCue {
            tense: Tense::Unknown,
            word: None,
            strong: false,
        },
    }
}

/// The nearest tense cue among `all[range]` to the word at `anchor`, with its distance.
fn nearest_cue<'t>(
    all: &[(usize, &'t str)],
    anchor: usize,
    expression: Span,
    range: std::ops::Range<usize>,
) -> Option<(usize, Cue, &'t str)> {
    let mut best: Option<(usize, Cue, &'t str)> = None;
    for (index, (offset, word)) in all.iter().enumerate().take(range.end).skip(range.start) {
        if expression.contains(*offset) {
            continue;
        }
        let Some(mut cue) = cue_of(word) else {
            continue;
        };
        let next_word = all.get(index + 1).map_or("", |(_, next)| *next);
        // "next to the embassy" is a place; "set aside", "set a deadline" are past or present
        // acts: only "set to"/"set for" announce an event.
        // "plans to", "aims to" intend; "vacation plans", "the plan", "ahead of schedule"
        // are nouns.
        let intention_noun = ["plan", "plans", "schedule", "aims"]
            .iter()
            .any(|noun| word.eq_ignore_ascii_case(noun))
            && !next_word.eq_ignore_ascii_case("to");
        // "the hastily planned trip", "as previously planned": after an adverb and with no
        // "to" or "for" after it, a participle of intention is an adjective, no future.
        let previous_word = index
            .checked_sub(1)
            .and_then(|previous| all.get(previous))
            .map_or("", |(_, previous)| *previous);
        let adjectival_participle = cue.tense == Tense::Future
            && word.len() > 4
            && word.to_ascii_lowercase().ends_with("ed")
            && previous_word.len() > 4
            && previous_word.ends_with("ly")
            && previous_word.chars().all(|c| c.is_ascii_lowercase())
            && !["to", "for"]
                .iter()
                .any(|after| next_word.eq_ignore_ascii_case(after));
        if adjectival_participle
            || (word.eq_ignore_ascii_case("next") && next_word.eq_ignore_ascii_case("to"))
            || (word.eq_ignore_ascii_case("set")
                && !next_word.eq_ignore_ascii_case("to")
                && !next_word.eq_ignore_ascii_case("for"))
            || intention_noun
        {
            continue;
        }
        // "is to resume", "were planning to", "was expected to": a form of "be" before "to" or
        // before a verb of intention announces a planned event, whatever the tense of "be".
        let be_to = BE_FORMS.iter().any(|be| be.eq_ignore_ascii_case(word))
            && all.get(index + 1).is_some_and(|(_, next)| {
                next.eq_ignore_ascii_case("to")
                    || cue_of(next).is_some_and(|next| next.verb && next.tense == Tense::Future)
            });
        if be_to {
            cue = Cue {
                tense: Tense::Future,
                verb: true,
            };
        }
        // "has fallen", "have been", "has had": the present perfect tells of the past.
        let perfect = (word.eq_ignore_ascii_case("has") || word.eq_ignore_ascii_case("have"))
            && all.get(index + 1).is_some_and(|(_, next)| {
                next.eq_ignore_ascii_case("been")
                    || cue_of(next).is_some_and(|next| next.tense == Tense::Past)
            });
        if perfect {
            cue = Cue {
                tense: Tense::Past,
                verb: true,
            };
        }
        // After a determiner a verb form is an adjective or a noun ("a reported meeting",
        // "the planned summit", "a will").
        let after_determiner = index
            .checked_sub(1)
            .and_then(|previous| all.get(previous))
            .is_some_and(|(_, previous)| {
                DETERMINERS
                    .iter()
                    .any(|determiner| determiner.eq_ignore_ascii_case(previous))
            });
        // After an auxiliary or "to" a verb form is a participle or an infinitive ("would be
        // held", "is to resume"): the auxiliary carries the tense.
        let after_auxiliary = index
            .checked_sub(1)
            .and_then(|previous| all.get(previous))
            .is_some_and(|(_, previous)| {
                AUXILIARIES
                    .iter()
                    .any(|auxiliary| auxiliary.eq_ignore_ascii_case(previous))
            });
        if (after_determiner || after_auxiliary) && cue.verb {
            continue;
        }
        // Distance in words; a verb after the expression ("on Tuesday said") governs it as
        // much as one before it, and a hint counts as twice as far as a verb.
        let distance = index.abs_diff(anchor) * if cue.verb { 1 } else { 2 };
        // At equal distance a verb outweighs a hint ("Until Thursday, they had not …").
        if best.is_none_or(|(nearest, best_cue, _)| {
            distance < nearest || (distance == nearest && cue.verb && !best_cue.verb)
        }) {
            best = Some((distance, cue, *word));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense(sentence: &str, expression: &str) -> Tense {
        let start = sentence.find(expression).unwrap_or(0);
        tense_at(
            sentence,
            Span::new(0, sentence.len()),
            Span::new(start, start + expression.len()),
        )
        .tense
    }

    #[test]
    fn nearest_verb_decides() {
        assert_eq!(
            tense("Biden on Tuesday acknowledged the possibility", "Tuesday"),
            Tense::Past
        );
        assert_eq!(
            tense("They will meet on Tuesday.", "Tuesday"),
            Tense::Future
        );
        assert_eq!(tense("We’ll meet on Tuesday.", "Tuesday"), Tense::Future);
        assert_eq!(
            tense("A possible meeting on Tuesday", "Tuesday"),
            Tense::Future
        );
        assert_eq!(tense("The meeting on Tuesday", "Tuesday"), Tense::Unknown);
        // A five-letter past form counts; "speed" and "greed" are no verbs.
        assert_eq!(
            tense("The campaign vowed Tuesday to stay until the convention", "Tuesday"),
            Tense::Past
        );
        assert!(cue_of("speed").is_none() && cue_of("greed").is_none());
        assert_eq!(
            tense("Trading is to resume in Paris Tuesday.", "Tuesday"),
            Tense::Future
        );
        assert_eq!(
            tense(
                "They rallied on Saturday and were planning a march.",
                "Saturday"
            ),
            Tense::Future
        );
        assert_eq!(
            tense("The blasts next to the embassy on Friday", "Friday"),
            Tense::Unknown
        );
        // "plans" is a noun unless "to" follows.
        assert_eq!(
            tense("Albright set aside her vacation plans on Friday.", "Friday"),
            Tense::Unknown
        );
        assert_eq!(
            tense("The firm plans to sell shares on Friday.", "Friday"),
            Tense::Future
        );
        // After an adverb a participle of intention is an adjective; "widely expected to"
        // still announces.
        assert_eq!(
            tense(
                "On Friday, when she set aside vacation plans for the hastily planned trip, the department lifted a warning.",
                "Friday"
            ),
            Tense::Past
        );
        assert_eq!(
            tense("The bill is widely expected to pass on Friday.", "Friday"),
            Tense::Future
        );
        assert_eq!(
            tense("The bullet that tore through his window Friday", "Friday"),
            Tense::Past
        );
        assert_eq!(
            tense("Officials postponed until Tuesday any action", "Tuesday"),
            Tense::Future
        );
        assert_eq!(
            tense(
                "They issued a statement Friday saying the entry will help.",
                "Friday"
            ),
            Tense::Past
        );
    }

    #[test]
    fn the_clause_around_the_expression_governs_it() {
        assert_eq!(
            tense(
                "He said that on Monday the minister will announce the plan.",
                "Monday"
            ),
            Tense::Future
        );
        assert_eq!(
            tense(
                "The summit will open on Friday, after the president met his envoys.",
                "Friday"
            ),
            Tense::Future
        );
        assert_eq!(
            tense(
                "Officials say that the vote, postponed twice, happened on Monday.",
                "Monday"
            ),
            Tense::Past
        );
        // A time clause after the expression does not govern it.
        assert_ne!(
            tense(
                "Putin is set to host a call on 7 December after the Russian President met Modi.",
                "7 December"
            ),
            Tense::Past
        );
        // A clause with no verb of its own takes the tense of the words before it.
        assert_eq!(
            tense("He said that by Monday, nothing.", "Monday"),
            Tense::Past
        );
    }
}
