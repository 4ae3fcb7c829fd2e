//! The 64-bit hashes the entity analysis keys its words and features by: a multiply-rotate
//! mix (as in FxHash), a word's lower-case hash computed without allocating, a phrase's hash
//! from its words' hashes, and a map that does not hash such keys again.
//!
//! A leaf: it knows bytes and characters, not tokens, lexicons or weights.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub(super) const SEED: u64 = 0x9e37_79b9_7f4a_7c15;
const MULTIPLIER: u64 = 0x5851_f42d_4c95_7f2d;

/// Mixes one value into a running hash (a multiply-rotate step, as in FxHash).
pub(super) const fn mix(hash: u64, value: u64) -> u64 {
    (hash.rotate_left(23) ^ value).wrapping_mul(MULTIPLIER)
}

/// A hasher for keys that are already well-mixed 64-bit hashes: it passes them through, which
/// saves the cost of hashing them again on every lookup.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = mix(self.0, byte as u64);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A map keyed by a feature hash.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// Hash of a word, lower-cased as it is read, so that no string is allocated.
pub fn lower_hash(word: &str) -> u64 {
    let mut hash = SEED;
    for c in word.chars() {
        if c.is_ascii() {
            hash = mix(hash, c.to_ascii_lowercase() as u64);
        } else {
            for lower in c.to_lowercase() {
                hash = mix(hash, lower as u64);
            }
        }
    }
    hash
}

/// Hash of a gazetteer phrase from the hashes of its lower-cased words.
pub(super) fn phrase_hash(word_hashes: &[u64]) -> u64 {
    word_hashes
        .iter()
        .fold(SEED ^ 0x5555, |hash, &word| mix(hash, word))
}
