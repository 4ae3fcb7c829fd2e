//! Hashed features of the entity tagger: word, shape, affixes, a two-word context window,
//! gazetteer classes (hand-written lists and the large packaged ones), word clusters learned
//! from unlabelled news, whole-article evidence (spellings, and the contexts of a word's other
//! occurrences) and the tags already chosen.
//!
//! Each feature is a 64-bit hash folded into one of `BUCKETS` weight rows, so no vocabulary is
//! stored. Per-token hashes are computed once and combined, never rebuilt from strings.
//! It knows the token stream, not the weights, the decoder or the entity types.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::{Arc, LazyLock};

use super::hashing::{HashKeyed, PassThrough, SEED, lower_hash, mix};
use super::lexicon::{LEXICON, class, gazetteer_classes};
use super::table::{LONGEST_PHRASE, Table, big, cluster_key, cluster_levels, gazetteer_key};
use super::tokens::{Token, tokenize};
use crate::memo::{Entry, Kept, Memo};
use crate::span::Span;
use crate::Join;
#[cfg(any(test, feature = "internals"))]
use crate::Sequential;

/// log2 of the number of weight rows.
pub const BUCKET_BITS: u32 = 20;
pub const BUCKETS: usize = 1 << BUCKET_BITS;

/// Lower-case hashes of the closed-class words.
static FUNCTION_WORDS: LazyLock<HashSet<u64, BuildHasherDefault<PassThrough>>> =
    LazyLock::new(|| {
        LEXICON
            .function_words
            .iter()
            .map(|word| lower_hash(word))
            .collect()
    });

/// What a segment looks like as a whole: ALL-CAPS wire titles and Title Case headlines
/// change what a capital letter means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentMode {
    Normal = 0,
    AllCaps = 1,
    TitleCase = 2,
}

/// Everything the features need to know about one token, computed once.
#[derive(Debug, Clone, Copy)]
pub struct TokenInfo {
    pub token: Token,
    pub lower: u64,
    pub cased: u64,
    pub shape: u64,
    /// `cased` and `shape` of the word in lower case, for reading headline words.
    lowered_cased: u64,
    lowered_shape: u64,
    prefixes: [u64; 3],
    suffixes: [u64; 4],
    /// Gazetteer classes: `lexicon::class` in the low byte, `table::big` above.
    pub classes: u16,
    /// The word's cluster value (`table::cluster_value`), 0 when it has none.
    pub cluster: u32,
    pub has_upper: bool,
    pub initial_upper: bool,
    pub all_upper: bool,
    pub initial_lower: bool,
    /// A word, a number, or one of the two signs names hold ("AT & T", "Tyne / Wear"): other
    /// punctuation ("(", ")", ",", quotes) never ends or continues a name.
    pub in_names: bool,
    pub mode: SegmentMode,
}

/// A stand-in for the tokens before the first and after the last of a segment.
const BOUNDARY: TokenInfo = TokenInfo {
    token: Token {
        span: Span::new(0, 0),
        starts_segment: false,
    },
    lower: 0xb0b0,
    cased: 0xb0b1,
    shape: 0xb0b2,
    lowered_cased: 0xb0b1,
    lowered_shape: 0xb0b2,
    prefixes: [0; 3],
    suffixes: [0; 4],
    classes: 0,
    cluster: 0,
    has_upper: false,
    initial_upper: false,
    all_upper: false,
    initial_lower: false,
    in_names: false,
    mode: SegmentMode::Normal,
};

/// The hash of a word's shape, where runs of one character class collapse to at most two
/// characters: "Xxxxx" → "Xxx", "dddd" → "dd".
struct ShapeHash {
    hash: u64,
    last_class: char,
    run: usize,
}

impl Default for ShapeHash {
    fn default() -> Self {
        ShapeHash {
            hash: SEED ^ 2,
            last_class: '\0',
            run: 0,
        }
    }
}

impl ShapeHash {
    fn push(&mut self, class: char) {
        if class == self.last_class {
            self.run += 1;
        } else {
            self.run = 1;
            self.last_class = class;
        }
        if self.run <= 2 {
            self.hash = mix(self.hash, class as u64);
        }
    }
}

fn token_info(word: &str, token: Token, table: &Table) -> TokenInfo {
    let mut lower = SEED;
    let mut cased = SEED ^ 1;
    let mut shape = ShapeHash::default();
    let mut lowered_cased = SEED ^ 1;
    let mut lowered_shape = ShapeHash::default();
    let mut prefixes = [0; 3];
    let mut has_upper = false;
    let mut all_upper = true;
    let mut letters = 0;
    for (index, c) in word.chars().enumerate() {
        cased = mix(cased, c as u64);
        if c.is_ascii() {
            let l = c.to_ascii_lowercase() as u64;
            lower = mix(lower, l);
            lowered_cased = mix(lowered_cased, l);
        } else {
            for l in c.to_lowercase() {
                lower = mix(lower, l as u64);
                lowered_cased = mix(lowered_cased, l as u64);
            }
        }
        if (1..=3).contains(&index) {
            prefixes[index - 1] = lower;
        }
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if c.is_alphabetic() {
            letters += 1;
            has_upper |= c.is_uppercase();
            all_upper &= !c.is_lowercase();
        }
        shape.push(class);
        lowered_shape.push(if class == 'X' { 'x' } else { class });
    }
    let mut suffixes = [0; 4];
    let mut suffix = SEED ^ 3;
    for (index, c) in word.chars().rev().take(4).enumerate() {
        if c.is_ascii() {
            suffix = mix(suffix, c.to_ascii_lowercase() as u64);
        } else {
            for l in c.to_lowercase() {
                suffix = mix(suffix, l as u64);
            }
        }
        suffixes[index] = suffix;
    }
    let first = word.chars().next().unwrap_or(' ');
    let all_upper = letters > 0 && all_upper;
    // The cluster of the word as written; an ALL-CAPS word takes that of its capitalised
    // spelling ("BRUSSELS" → "Brussels"), and an unknown word that of its lower-case spelling.
    let mut cluster = table.get(cluster_key(cased));
    if cluster == 0 && all_upper && letters > 1 {
        let mut titled = SEED ^ 1;
        for (index, c) in word.chars().enumerate() {
            if index == 0 {
                titled = mix(titled, c as u64);
            } else {
                for l in c.to_lowercase() {
                    titled = mix(titled, l as u64);
                }
            }
        }
        cluster = table.get(cluster_key(titled));
    }
    if cluster == 0 && has_upper {
        cluster = table.get(cluster_key(lowered_cased));
    }
    TokenInfo {
        token,
        lower,
        cased,
        shape: shape.hash,
        lowered_cased,
        lowered_shape: lowered_shape.hash,
        prefixes,
        suffixes,
        classes: 0,
        cluster,
        has_upper,
        initial_upper: first.is_uppercase(),
        all_upper,
        initial_lower: first.is_lowercase(),
        in_names: word.chars().any(char::is_alphanumeric) || matches!(word, "&" | "/"),
        mode: SegmentMode::Normal,
    }
}

/// The words of one region as the tagger reads them: tokens with their features, segment modes
/// and gazetteer marks, spans relative to the region's start, and where each segment starts
/// (the first token starts one). They depend on the region's text alone.
pub struct RegionWords {
    infos: Vec<TokenInfo>,
    segment_starts: Vec<usize>,
}

fn read_region(region_text: &str, table: &Table) -> RegionWords {
    // A token every four bytes at most in running text (about one in six on average): one
    // allocation instead of growing the list step by step.
    let mut tokens = Vec::with_capacity(region_text.len() / 4 + 1);
    tokenize(region_text, Span::new(0, region_text.len()), &mut tokens);
    let mut infos: Vec<TokenInfo> = tokens
        .iter()
        .map(|token| token_info(token.text(region_text), *token, table))
        .collect();
    let segment_starts: Vec<usize> = infos
        .iter()
        .enumerate()
        .filter(|(_, info)| info.token.starts_segment)
        .map(|(index, _)| index)
        .collect();
    let ends = segment_starts.iter().skip(1).copied().chain([infos.len()]);
    for (start, end) in segment_starts.iter().copied().zip(ends) {
        let segment = &mut infos[start..end];
        let mode = segment_mode(segment);
        for info in segment.iter_mut() {
            info.mode = mode;
        }
        mark_gazetteer(segment);
        mark_big_gazetteers(segment, table);
    }
    RegionWords {
        infos,
        segment_starts,
    }
}

/// The reading of each of `regions`, made or reused.
fn read_regions(
    text: &str,
    regions: &[Span],
    table: &Table,
    memo: &Memo<RegionWords>,
    kept: &mut Kept<RegionWords>,
) -> Vec<Arc<Entry<RegionWords>>> {
    regions
        .iter()
        .map(|region| {
            let region_text = region.slice(text);
            memo.get_or(kept, region_text, 0, || read_region(region_text, table))
        })
        .collect()
}

/// What the whole article says about each word, from its mid-sentence spellings.
fn gather_evidence(text: &str, infos: &[TokenInfo]) -> HashKeyed<WordEvidence> {
    // Sized once for the article's distinct words, at most one a token (only looked up, never
    // iterated, so its order does not matter).
    let mut evidence: HashKeyed<WordEvidence> =
        HashKeyed::with_capacity_and_hasher(infos.len(), Default::default());
    for (index, info) in infos.iter().enumerate() {
        // The contexts of the capitalised word's occurrences in running text.
        if info.has_upper && info.mode == SegmentMode::Normal {
            let previous = if info.token.starts_segment || index == 0 {
                BOUNDARY.lower
            } else {
                infos[index - 1].lower
            };
            let next = match infos.get(index + 1) {
                Some(next) if !next.token.starts_segment => next.lower,
                _ => BOUNDARY.lower,
            };
            let entry = evidence.entry(info.lower).or_default();
            entry.occurrences = entry.occurrences.saturating_add(1);
            for (slots, word) in [(&mut entry.before, previous), (&mut entry.after, next)] {
                if !slots.contains(&word)
                    && let Some(free) = slots.iter_mut().find(|slot| **slot == 0)
                {
                    *free = word;
                }
            }
        }
        let after_quote = index > 0 && !infos[index - 1].has_upper && {
            let previous = infos[index - 1].token.text(text);
            matches!(previous, "\"" | "“" | "‘" | "'" | "(" | ":" | "-")
        };
        if info.token.starts_segment || info.mode != SegmentMode::Normal || after_quote {
            continue;
        }
        if info.initial_lower {
            evidence.entry(info.lower).or_default().lower_mid = true;
        } else if info.initial_upper {
            let entry = evidence.entry(info.lower).or_default();
            entry.capitalised_mid = true;
            entry.form.get_or_insert((info.cased, info.shape));
        }
    }
    evidence
}

/// What the whole article says about a word: whether it appears in lower case, or capitalised
/// away from the start of a sentence, and in which spelling.
#[derive(Debug, Clone, Copy, Default)]
struct WordEvidence {
    lower_mid: bool,
    capitalised_mid: bool,
    /// The first mid-sentence capitalised spelling: (cased hash, shape hash).
    form: Option<(u64, u64)>,
    /// Capitalised occurrences in running text.
    occurrences: u8,
    /// The first distinct words before and after those occurrences (lower-case hashes).
    before: [u64; CONTEXT_SLOTS],
    after: [u64; CONTEXT_SLOTS],
}

/// Distinct neighbouring words remembered for a word across the article.
const CONTEXT_SLOTS: usize = 3;

/// The tokens of an article with their per-token and whole-article features.
#[derive(Default)]
pub struct Article {
    pub infos: Vec<TokenInfo>,
    /// Start index of every segment, in order, with `infos.len()` at the end.
    pub segment_starts: Vec<usize>,
    /// Every region with the range of its tokens (segments never cross regions).
    pub regions: Vec<(Span, std::ops::Range<usize>)>,
    evidence: HashKeyed<WordEvidence>,
    /// Tokens whose own spelling the features hide (training only, so that the weights learn
    /// to read a name from its shape, cluster, gazetteers and context, as they must for words
    /// never seen in training). Empty in use.
    pub(super) masked: Vec<bool>,
}

impl Article {
    /// Tokenizes the regions of `text` (in order, not overlapping) and gathers evidence.
    #[cfg(any(test, feature = "internals"))]
    pub fn new(text: &str, regions: &[Span], table: &Table) -> Article {
        Article::joined(
            text,
            regions,
            table,
            &Sequential,
            &Memo::default(),
            &mut Kept::new(false),
        )
    }

    /// The same, reading the two halves of the regions through `join` (side by side in the
    /// language server) and reusing the readings of regions `memo` remembers: words and
    /// segments are local to a region, only the evidence is not. What was read or reused is
    /// recorded in `kept`.
    pub(crate) fn joined(
        text: &str,
        regions: &[Span],
        table: &Table,
        join: &impl Join,
        memo: &Memo<RegionWords>,
        kept: &mut Kept<RegionWords>,
    ) -> Article {
        let total: usize = regions.iter().map(|region| region.len()).sum();
        let mut read = 0;
        let middle = regions
            .iter()
            .position(|region| {
                read += region.len();
                read * 2 >= total
            })
            .map_or(regions.len(), |index| index + 1);
        let (first, second) = regions.split_at(middle);
        let mut kept_second = kept.sibling();
        let (mut readings, second) = join.join(
            || read_regions(text, first, table, memo, kept),
            || read_regions(text, second, table, memo, &mut kept_second),
        );
        kept.append(kept_second);
        readings.extend(second);
        // One allocation of the final size: the tokens of a long article take tens of
        // megabytes, and growing them step by step cost more than copying them.
        let tokens: usize = readings
            .iter()
            .map(|reading| reading.value.infos.len())
            .sum();
        let mut article = Article {
            infos: Vec::with_capacity(tokens),
            segment_starts: Vec::new(),
            regions: Vec::with_capacity(regions.len()),
            evidence: HashKeyed::default(),
            masked: Vec::new(),
        };
        for (region, reading) in regions.iter().zip(&readings) {
            let words = &reading.value;
            let first_token = article.infos.len();
            article
                .regions
                .push((*region, first_token..first_token + words.infos.len()));
            article
                .segment_starts
                .extend(words.segment_starts.iter().map(|start| start + first_token));
            article
                .infos
                .extend(words.infos.iter().map(|info| TokenInfo {
                    token: Token {
                        span: Span::new(
                            info.token.span.start + region.start,
                            info.token.span.end + region.start,
                        ),
                        ..info.token
                    },
                    ..*info
                }));
        }
        article.segment_starts.push(article.infos.len());
        article.evidence = gather_evidence(text, &article.infos);
        article
    }

    /// A fingerprint of what the whole article says about the words of tokens `tokens`: the
    /// static features of a region's tokens depend on its words and on this alone. It is a
    /// 64-bit hash: two different evidences collide as rarely as two random 64-bit numbers.
    pub fn evidence_fingerprint(&self, tokens: std::ops::Range<usize>) -> u64 {
        let mut fingerprint = SEED;
        for info in &self.infos[tokens] {
            if let Some(evidence) = self.evidence.get(&info.lower) {
                let form = evidence.form.unwrap_or((0, 0));
                let flags = evidence.lower_mid as u64
                    | (evidence.capitalised_mid as u64) << 1
                    | (evidence.occurrences as u64) << 2;
                fingerprint = mix(mix(mix(fingerprint, flags), form.0), form.1);
                for &word in evidence.before.iter().chain(&evidence.after) {
                    fingerprint = mix(fingerprint, word);
                }
            } else {
                fingerprint = mix(fingerprint, 0xe0);
            }
        }
        fingerprint
    }

    pub fn segments(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        self.segment_starts.windows(2).map(|pair| pair[0]..pair[1])
    }

    /// Appends the features of token `index` that do not depend on earlier tags.
    pub fn static_features(
        &self,
        segment: std::ops::Range<usize>,
        index: usize,
        out: &mut Vec<u64>,
    ) {
        let at = |offset: isize| -> TokenInfo {
            let position = index as isize + offset;
            if position < segment.start as isize || position >= segment.end as isize {
                BOUNDARY
            } else {
                self.view(self.infos[position as usize])
            }
        };
        let current = at(0);
        let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
        let evidence = self
            .evidence
            .get(&current.lower)
            .copied()
            .unwrap_or_default();
        let initial = current.token.starts_segment as u64;
        let mode = current.mode as u64;
        let evidence_code = evidence.lower_mid as u64 | (evidence.capitalised_mid as u64) << 1;
        let mut push =
            |template: u64, a: u64, b: u64| out.push(mix(mix(mix(SEED, template), a), b));
        push(0, 0, 0);
        let masked = self.masked.get(index).copied().unwrap_or(false);
        // A hidden spelling reads as one unknown word.
        let (lower, cased) = if masked {
            (0x0dd5, 0x0dd5)
        } else {
            (current.lower, current.cased)
        };
        push(1, lower, 0);
        push(2, cased, 0);
        push(3, current.shape, 0);
        for (slot, prefix) in current.prefixes.iter().enumerate() {
            if *prefix != 0 {
                push(4 + slot as u64, *prefix, 0);
            }
        }
        for (slot, suffix) in current.suffixes.iter().enumerate() {
            if *suffix != 0 {
                push(7 + slot as u64, *suffix, 0);
            }
        }
        push(11, p1.lower, 0);
        push(12, n1.lower, 0);
        push(13, p2.lower, 0);
        push(14, n2.lower, 0);
        push(15, p1.shape, 0);
        push(16, n1.shape, 0);
        push(17, mix(p1.shape, current.shape), n1.shape);
        push(18, p1.lower, lower);
        push(19, lower, n1.lower);
        push(20, initial, current.shape);
        push(21, mode, current.shape);
        push(22, mode, lower);
        push(23, evidence_code, current.shape);
        push(24, evidence_code, initial | mode << 1);
        push(29, p1.lower, current.shape);
        push(30, current.shape, n1.lower);
        let length = (segment.end - segment.start).min(8) as u64;
        push(31, length, current.shape);
        push(32, mix(p2.shape, p1.shape), current.shape);
        push(33, current.shape, mix(n1.shape, n2.shape));
        push(34, mix(p1.lower, lower), n1.lower);
        push(35, p1.suffixes[2], current.shape);
        push(36, current.shape, n1.suffixes[2]);
        push(37, current.prefixes[1], current.shape);
        let flags = class::ALL
            .iter()
            .map(|&flag| flag as u16)
            .chain(big::ALL.iter().copied());
        for (bit, flag) in flags.enumerate() {
            let bit = bit as u64;
            if current.classes & flag != 0 {
                push(25, bit, 0);
                push(26, bit, current.shape);
            }
            if p1.classes & flag != 0 {
                push(27, bit, 0);
            }
            if n1.classes & flag != 0 {
                push(28, bit, 0);
            }
        }
        // Word clusters learned from unlabelled news: the token's path at every level, its
        // neighbours' at the two finer ones, and the finest with the token's shape.
        let [coarse, middle, fine] = cluster_levels(current.cluster);
        if current.cluster != 0 {
            push(50, coarse, 0);
            push(51, middle, 0);
            push(52, fine, 0);
            push(53, fine, current.shape);
        }
        let [_, p1_middle, p1_fine] = cluster_levels(p1.cluster);
        let [_, n1_middle, n1_fine] = cluster_levels(n1.cluster);
        push(54, p1_middle, 0);
        push(55, p1_fine, 0);
        push(56, n1_middle, 0);
        push(57, n1_fine, 0);
        push(58, p1_middle, middle);
        push(59, middle, n1_middle);
        push(62, cluster_levels(p2.cluster)[2], 0);
        push(63, cluster_levels(n2.cluster)[2], 0);
        // The other contexts of the same word in the article (context aggregation).
        if evidence.occurrences >= 2 {
            for &word in evidence.before.iter().filter(|&&word| word != 0) {
                push(60, word, 0);
            }
            for &word in evidence.after.iter().filter(|&&word| word != 0) {
                push(61, word, 0);
            }
        }
    }

    /// How a token reads. In an ALL-CAPS or Title Case segment, where capitals say little, a
    /// closed-class word or a word the article also writes in lower case mid-sentence reads in
    /// lower case ("Talks With" reads as "talks with"), and an ALL-CAPS word the article also
    /// spells with an initial capital takes that spelling ("BRUSSELS" reads as "Brussels").
    fn view(&self, info: TokenInfo) -> TokenInfo {
        if info.mode == SegmentMode::Normal {
            return info;
        }
        let evidence = self.evidence.get(&info.lower).copied().unwrap_or_default();
        if FUNCTION_WORDS.contains(&info.lower) || (evidence.lower_mid && !evidence.capitalised_mid)
        {
            return TokenInfo {
                cased: info.lowered_cased,
                shape: info.lowered_shape,
                ..info
            };
        }
        match evidence.form {
            Some((cased, shape)) if info.mode == SegmentMode::AllCaps => TokenInfo {
                cased,
                shape,
                ..info
            },
            _ => info,
        }
    }
}

/// Appends the features that depend on the two previous tags and on the article's history of
/// the word (the kind last given to the same word): those of the tags alone, then those of the
/// tags with the word. Training only: in use, the walk sums these per tag context.
#[cfg(feature = "internals")]
pub fn dynamic_features(
    info: &TokenInfo,
    previous: u8,
    before_previous: u8,
    history: u8,
    out: &mut Vec<u64>,
) {
    tag_features(previous, before_previous, history, out);
    word_tag_features(info, previous, history, out);
}

/// The dynamic features that depend on nothing but the tags and the history.
pub fn tag_features(previous: u8, before_previous: u8, history: u8, out: &mut Vec<u64>) {
    let mut push = |template: u64, a: u64, b: u64| out.push(mix(mix(mix(SEED, template), a), b));
    let (previous, before_previous, history) =
        (previous as u64, before_previous as u64, history as u64);
    push(40, previous, 0);
    push(41, previous, before_previous);
    push(44, history, 0);
    push(47, previous, history);
}

/// The dynamic features that combine the tags or the history with the word.
pub fn word_tag_features(info: &TokenInfo, previous: u8, history: u8, out: &mut Vec<u64>) {
    let mut push = |template: u64, a: u64, b: u64| out.push(mix(mix(mix(SEED, template), a), b));
    let (previous, history) = (previous as u64, history as u64);
    push(42, previous, info.lower);
    push(43, previous, info.shape);
    push(45, history, info.shape);
    push(46, history, info.lower);
    push(48, previous, cluster_levels(info.cluster)[1]);
}

/// The weight row of a feature hash.
pub fn bucket(feature: u64) -> usize {
    (feature.wrapping_mul(SEED) >> (64 - BUCKET_BITS)) as usize
}

/// ALL-CAPS when four words in five are in capitals; Title Case when every word is capitalised
/// but for closed-class words ("Biden Says Talks With Putin Are on Track"). A sentence full of
/// names still has lower-case verbs and nouns, so it stays normal.
fn segment_mode(segment: &[TokenInfo]) -> SegmentMode {
    let words = || {
        segment
            .iter()
            .filter(|info| info.has_upper || info.initial_lower)
    };
    let (mut count, mut upper, mut capitalised) = (0, 0, 0);
    for info in words() {
        count += 1;
        upper += info.all_upper as usize;
        capitalised += info.initial_upper as usize;
    }
    if count < 2 {
        return SegmentMode::Normal;
    }
    if upper * 5 >= count * 4 && upper >= 2 {
        return SegmentMode::AllCaps;
    }
    let lower_content =
        || words().any(|info| info.initial_lower && !FUNCTION_WORDS.contains(&info.lower));
    if capitalised >= 3 && !lower_content() {
        return SegmentMode::TitleCase;
    }
    SegmentMode::Normal
}

/// Sets the classes of the large gazetteers on every token covered by one of their phrases:
/// phrases start at a capitalised word and run while the table says a longer phrase begins so.
fn mark_big_gazetteers(segment: &mut [TokenInfo], table: &Table) {
    let mut words = [0u64; LONGEST_PHRASE];
    for start in 0..segment.len() {
        if !segment[start].initial_upper {
            continue;
        }
        for end in start..segment.len().min(start + LONGEST_PHRASE) {
            words[end - start] = segment[end].lower;
            let value = table.get(gazetteer_key(&words[..=end - start]));
            let classes = (value & 0xff00) as u16;
            if classes != 0 {
                for info in &mut segment[start..=end] {
                    info.classes |= classes;
                }
            }
            if value & big::PREFIX == 0 {
                break;
            }
        }
    }
}

/// The first words of the listed phrases of two words or more, as a bitset of the top bits of
/// their lower-case hashes: a word not in it begins no longer phrase, so the search for
/// phrases from it stops at the word itself (most words; a false hit only costs the look-ups).
static PHRASE_STARTS: LazyLock<[u64; PHRASE_START_WORDS]> = LazyLock::new(|| {
    let mut starts = [0; PHRASE_START_WORDS];
    for phrase in LEXICON.gazetteer.keys() {
        if let Some((first, _)) = phrase.split_once(' ') {
            let bit = phrase_start_bit(lower_hash(first));
            starts[bit / 64] |= 1 << (bit % 64);
        }
    }
    starts
});

/// 64-bit words of `PHRASE_STARTS`: 4,096 bits for about a hundred first words.
const PHRASE_START_WORDS: usize = 64;

fn phrase_start_bit(word: u64) -> usize {
    (word >> 52) as usize
}

fn may_start_phrase(word: u64) -> bool {
    let bit = phrase_start_bit(word);
    PHRASE_STARTS[bit / 64] >> (bit % 64) & 1 != 0
}

/// Sets the gazetteer classes of every token covered by a listed phrase.
fn mark_gazetteer(segment: &mut [TokenInfo]) {
    let longest = LEXICON.longest_phrase.max(1);
    let mut words = Vec::with_capacity(longest);
    for start in 0..segment.len() {
        if !(segment[start].has_upper || segment[start].initial_lower) {
            continue;
        }
        words.clear();
        for end in start..segment.len().min(start + longest) {
            words.push(segment[end].lower);
            let classes = gazetteer_classes(&words);
            if classes != 0 {
                for info in &mut segment[start..=end] {
                    info.classes |= classes as u16;
                }
            }
            if end == start && !may_start_phrase(segment[start].lower) {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::table::{cluster_entry, gazetteer_entries};
    use super::*;

    fn article(text: &str) -> Article {
        Article::new(text, &[Span::new(0, text.len())], &Table::EMPTY)
    }

    #[test]
    fn modes_and_gazetteer() {
        let text = "RUSSIA BEAT NEW ZEALAND\nThe talks in New Zealand went on.";
        let article = article(text);
        let modes: Vec<_> = article.infos.iter().map(|info| info.mode).collect();
        assert_eq!(modes[0], SegmentMode::AllCaps);
        assert_eq!(modes[5], SegmentMode::Normal);
        // The hand-written classes (the low byte): the large gazetteers live in the model.
        let classes: Vec<u8> = article
            .infos
            .iter()
            .map(|info| info.classes as u8)
            .collect();
        assert_eq!(
            classes[2] & class::PLACE,
            class::PLACE,
            "NEW of NEW ZEALAND"
        );
        assert_eq!(
            classes[7] & class::PLACE,
            class::PLACE,
            "New of New Zealand"
        );
        assert_eq!(classes[4], 0, "The");
    }

    #[test]
    fn all_caps_words_read_as_the_article_spells_them() {
        let text = "BRUSSELS TALKS END\nOfficials in Brussels said so.";
        let article = article(text);
        let brussels_caps = article.view(article.infos[0]);
        let brussels = article.infos[5];
        assert_eq!(brussels_caps.shape, brussels.shape);
        assert_eq!(brussels_caps.lower, brussels.lower);
    }

    #[test]
    fn the_words_read_the_table() {
        let mut entries = vec![cluster_entry("Peugeot", [3, 40, 900])];
        entries.extend(gazetteer_entries(&["New", "York"], big::CITY));
        let (bits, keys, values) = Table::build(&entries);
        let table = Table::from_bytes(bits, &keys, &values).expect("a table");
        let text = "Talks in New York and PEUGEOT plans.";
        let article = Article::new(text, &[Span::new(0, text.len())], &table);
        assert_ne!(article.infos[2].classes & big::CITY, 0, "New");
        assert_ne!(article.infos[3].classes & big::CITY, 0, "York");
        assert_eq!(article.infos[1].classes & big::CITY, 0, "in");
        // An ALL-CAPS word takes the cluster of its capitalised spelling.
        assert_eq!(article.infos[5].cluster, entries[0].1);
    }

    #[test]
    fn features_differ_by_context() {
        let text = "Paris Hilton met Paris officials.";
        let article = article(text);
        let segment = 0..article.infos.len();
        let (mut first, mut second) = (Vec::new(), Vec::new());
        article.static_features(segment.clone(), 0, &mut first);
        article.static_features(segment, 3, &mut second);
        assert_ne!(first, second);
        assert_eq!(first[1], second[1], "same lower-case word feature");
    }
}
