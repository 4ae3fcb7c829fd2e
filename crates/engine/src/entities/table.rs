//! The word clusters and large gazetteers the tagger's features read: an open-addressing hash
//! table of 64-bit keys and 32-bit values that ships inside the model file and is read in place
//! (little-endian, no copy), with the keys and values it holds.
//!
//! A word's key is the hash of its spelling as written and its value its cluster path
//! (`cluster_value`); a phrase's key is the hash of its lower-case words and its value its
//! gazetteer classes (`big`), with `big::PREFIX` when a longer listed phrase begins so.
//! It knows hashes, not tokens, features or weights.

#[cfg(any(test, feature = "internals"))]
use super::hashing::lower_hash;
use super::hashing::{SEED, mix};

/// Classes of the large gazetteers built from packaged open data (`lexicon/gazetteer_*.txt`),
/// above the hand-written classes of `lexicon::class`.
pub mod big {
    pub const COUNTRY: u16 = 1 << 8;
    pub const CITY: u16 = 1 << 9;
    pub const FIRST_NAME: u16 = 1 << 10;
    pub const SURNAME: u16 = 1 << 11;
    /// Every class, for iterating the bits.
    pub const ALL: [u16; 4] = [COUNTRY, CITY, FIRST_NAME, SURNAME];
    /// A phrase key that begins a longer listed phrase (the scan goes on).
    pub const PREFIX: u32 = 1 << 31;
}

/// The key of a word's cluster in the table, from the hash of the word as written
/// (`cased_hash`).
pub(super) fn cluster_key(cased: u64) -> u64 {
    mix(cased, 0xc105_7e12) | 1
}

/// The key of a phrase of the large gazetteers, from the lower-case hashes of its words.
pub(super) fn gazetteer_key(word_hashes: &[u64]) -> u64 {
    word_hashes
        .iter()
        .fold(SEED ^ 0x6a2e, |hash, &word| mix(hash, word))
        | 1
}

#[cfg(any(test, feature = "internals"))]
/// The hash of a word as written, the way the features compute it (`TokenInfo::cased`).
pub(super) fn cased_hash(word: &str) -> u64 {
    word.chars().fold(SEED ^ 1, |hash, c| mix(hash, c as u64))
}

#[cfg(any(test, feature = "internals"))]
/// The entry of a word's cluster path (coarse to fine), for `Table::build`.
pub fn cluster_entry(word: &str, path: [u32; 3]) -> (u64, u32) {
    (cluster_key(cased_hash(word)), cluster_value(path))
}

#[cfg(any(test, feature = "internals"))]
/// The entries of a gazetteer phrase of `class` (one of `big`), given its words as the tagger
/// tokenizes them, for `Table::build`: the phrase itself and each of its beginnings as a
/// prefix. Empty for a phrase of no word or more than `LONGEST_PHRASE` words.
pub fn gazetteer_entries(words: &[&str], class: u16) -> Vec<(u64, u32)> {
    if words.is_empty() || words.len() > LONGEST_PHRASE {
        return Vec::new();
    }
    let hashes: Vec<u64> = words.iter().map(|word| lower_hash(word)).collect();
    let mut entries: Vec<(u64, u32)> = (1..hashes.len())
        .map(|end| (gazetteer_key(&hashes[..end]), big::PREFIX))
        .collect();
    entries.push((gazetteer_key(&hashes), class as u32));
    entries
}

/// The longest gazetteer phrase, in words (the tagger looks no further).
pub const LONGEST_PHRASE: usize = 4;

#[cfg(any(test, feature = "internals"))]
/// The value of a word's cluster path: one plus the cluster at each level, coarse to fine, in
/// 8, 10 and 12 bits.
pub(super) fn cluster_value(path: [u32; 3]) -> u32 {
    (path[0] + 1) | (path[1] + 1) << 8 | (path[2] + 1) << 18
}

/// The three levels of a cluster value (0 = no cluster).
pub(super) fn cluster_levels(value: u32) -> [u64; 3] {
    [
        (value & 0xff) as u64,
        (value >> 8 & 0x3ff) as u64,
        (value >> 18 & 0xfff) as u64,
    ]
}

/// The table, borrowed from the bytes it is read from.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    mask: usize,
    keys: &'a [u8],
    values: &'a [u8],
}

impl<'a> Table<'a> {
    pub const EMPTY: Table<'static> = Table {
        mask: 0,
        keys: &[],
        values: &[],
    };

    /// A table of `1 << bits` slots from its key and value bytes; `None` if the sizes differ.
    pub fn from_bytes(bits: u32, keys: &'a [u8], values: &'a [u8]) -> Option<Table<'a>> {
        let slots = 1usize.checked_shl(bits)?;
        (keys.len() == slots * 8 && values.len() == slots * 4).then_some(Table {
            mask: slots - 1,
            keys,
            values,
        })
    }

    /// Builds the bytes of a table holding `entries` (keys are odd, so never the empty 0):
    /// the slot bits, the keys and the values. Entries are placed in the given order, and the
    /// values of equal keys are or-ed, so the same entries give the same bytes.
    #[cfg(any(test, feature = "internals"))]
    pub fn build(entries: &[(u64, u32)]) -> (u32, Vec<u8>, Vec<u8>) {
        let mut bits = 4;
        while (1usize << bits) < entries.len() * 2 {
            bits += 1;
        }
        let slots = 1usize << bits;
        let mut keys = vec![0u64; slots];
        let mut values = vec![0u32; slots];
        for &(key, value) in entries {
            let mut slot = (key as usize) & (slots - 1);
            loop {
                if keys[slot] == 0 || keys[slot] == key {
                    keys[slot] = key;
                    values[slot] |= value;
                    break;
                }
                slot = (slot + 1) & (slots - 1);
            }
        }
        (
            bits,
            keys.iter().flat_map(|key| key.to_le_bytes()).collect(),
            values.iter().flat_map(|value| value.to_le_bytes()).collect(),
        )
    }

    /// The value of `key`, 0 when the table does not hold it.
    pub fn get(&self, key: u64) -> u32 {
        if self.keys.is_empty() {
            return 0;
        }
        let mut slot = (key as usize) & self.mask;
        loop {
            let at = slot * 8;
            let stored = u64::from_le_bytes(self.keys[at..at + 8].try_into().unwrap_or([0; 8]));
            if stored == key {
                let at = slot * 4;
                return u32::from_le_bytes(self.values[at..at + 4].try_into().unwrap_or([0; 4]));
            }
            if stored == 0 {
                return 0;
            }
            slot = (slot + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_finds_what_it_was_built_with() {
        let mut entries = vec![cluster_entry("Peugeot", [3, 40, 900])];
        entries.extend(gazetteer_entries(&["New", "York"], big::CITY));
        let (bits, keys, values) = Table::build(&entries);
        let table = Table::from_bytes(bits, &keys, &values).expect("a table");
        for &(key, value) in &entries {
            assert_eq!(table.get(key), value);
        }
        assert_eq!(table.get(cluster_entry("peugeot", [0; 3]).0), 0);
        assert_eq!(cluster_levels(table.get(entries[0].0)), [4, 41, 901]);
        let new = gazetteer_key(&[lower_hash("new")]);
        assert_eq!(table.get(new), big::PREFIX, "New begins New York");
        assert!(Table::from_bytes(bits, &keys[1..], &values).is_none());
        assert!(gazetteer_entries(&["a", "b", "c", "d", "e"], big::CITY).is_empty());
    }
}
