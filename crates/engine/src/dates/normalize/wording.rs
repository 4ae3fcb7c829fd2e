//! The words normalizers explain their choices with: a count of days, a day in full, the
//! tense that decided.
//!
//! Shared by the normalizers; it words what they decided and decides nothing itself.

use super::shifting::day_granule;
use crate::dates::context::{Tense, TenseCue};
use crate::strings::{joined, push_number};

/// "1 day", "3 days".
pub fn days(count: i64) -> String {
    if count == 1 {
        "1 day".to_string()
    } else {
        let mut out = String::with_capacity(8);
        push_number(&mut out, count);
        out.push_str(" days");
        out
    }
}

/// "Wednesday, 29 December 2021".
pub fn describe_day(days: i64) -> String {
    day_granule(days).describe()
}

/// "past tense, \"said\"", "no tense cue".
pub fn tense_phrase(tense: TenseCue) -> String {
    let name = match tense.tense {
        Tense::Past => "past",
        Tense::Future => "future",
        Tense::Present => "present",
        Tense::Unknown => return "no tense cue".to_string(),
    };
    match tense.word {
        Some(word) => joined(&[name, " tense, \"", word, "\""]),
        None => joined(&[name, " tense"]),
    }
}
