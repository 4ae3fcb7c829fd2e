//! The tagger: BILOU tags over four entity kinds (Begin, Inside, Last, Unit, and Outside, so
//! that the boundaries of a name are decisions of their own), greedy left-to-right decoding
//! with the tags already chosen as features, and the compact shipped weights.
//!
//! The shipped file is a small header, a bitmap of the stored feature rows, one i16 per
//! (stored row, tag), and the table of word clusters and large gazetteers the features read;
//! it is used in place, without copying, so loading costs a header check and a rank index.
//! Decoding is shared with training, so the trained model sees exactly the features it will
//! see in use. It knows nothing of mentions or grouping.

use crate::hash_maps::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::EntityKind;
#[cfg(feature = "internals")]
use super::features::dynamic_features;
use super::features::{
    Article, BUCKET_BITS, BUCKETS, TokenInfo, bucket, tag_features, word_tag_features,
};
use super::hashing::{HashKeyed, SEED, mix};
use super::table::{Table, cluster_key};
use crate::Join;
use crate::memo::{Kept, Memo};
use crate::span::Span;

/// Entity kinds in tag order.
pub const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Org,
    EntityKind::Place,
    EntityKind::Other,
];

/// O, then B, I, L and U for each kind.
pub const TAGS: usize = 1 + 4 * KINDS.len();
pub const OUTSIDE: u8 = 0;
/// The previous tag at the start of a segment.
const START: u8 = TAGS as u8;

pub const fn begin(kind: usize) -> u8 {
    1 + 4 * kind as u8
}

pub const fn inside(kind: usize) -> u8 {
    2 + 4 * kind as u8
}

pub const fn last(kind: usize) -> u8 {
    3 + 4 * kind as u8
}

pub const fn unit(kind: usize) -> u8 {
    4 + 4 * kind as u8
}

/// The kind index of an entity tag.
pub fn kind_of(tag: u8) -> Option<usize> {
    (tag != OUTSIDE && (tag as usize) < TAGS).then(|| (tag as usize - 1) / 4)
}

/// A B or I tag: the name goes on after this token.
fn is_open(tag: u8) -> bool {
    kind_of(tag).is_some_and(|kind| tag == begin(kind) || tag == inside(kind))
}

/// I and L continue an open name of their kind; the others may follow anything (a name left
/// open is closed by what follows it).
fn allowed(previous: u8, tag: u8) -> bool {
    match kind_of(tag) {
        Some(kind) if tag == inside(kind) || tag == last(kind) => {
            is_open(previous) && kind_of(previous) == Some(kind)
        }
        _ => true,
    }
}

/// Anything that can score a feature row for every tag: the shipped model or a model in training.
pub trait Weights {
    fn add_scores(&self, row: usize, scores: &mut [i64; TAGS]);
}

pub const MAGIC: &[u8; 8] = b"NEWSLSNE";
pub const VERSION: u32 = 4;
/// Magic, version, bucket bits, tag count, count of stored rows, table slot bits.
pub const HEADER_BYTES: usize = 8 + 4 + 4 + 4 + 4 + 4;
/// Bytes of the bitmap that says which rows are stored.
pub const BITMAP_BYTES: usize = BUCKETS / 8;

/// The shipped weights. Most feature rows never received an update and are all zero, so the
/// file stores a bitmap of the non-zero rows and only those rows, each as `TAGS` little-endian
/// i16 (the averaged weights times a fixed scale: one byte per weight loses the small weights
/// of rare features next to the large weights of the bias and tag-transition features). The
/// rows and the table are read in place from the file's bytes.
pub struct Model<'a> {
    present: Vec<u64>,
    /// Stored rows before each 64-row word of `present`.
    ranks: Vec<u32>,
    rows: &'a [u8],
    table: Table<'a>,
}

impl<'a> Model<'a> {
    /// The word clusters and large gazetteers the features read.
    pub fn table(&self) -> &Table<'a> {
        &self.table
    }

    /// Checks the header; `None` when the bytes are not a model of this build's shape.
    pub fn from_bytes(bytes: &'a [u8]) -> Option<Model<'a>> {
        let header = bytes.get(..HEADER_BYTES)?;
        let word = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(header.get(at..at + 4)?.try_into().ok()?))
        };
        let fits = header.get(..8)? == MAGIC
            && word(8)? == VERSION
            && word(12)? == BUCKET_BITS
            && word(16)? as usize == TAGS;
        if !fits {
            return None;
        }
        let stored = word(20)? as usize;
        let bitmap = bytes.get(HEADER_BYTES..HEADER_BYTES + BITMAP_BYTES)?;
        let present: Vec<u64> = bitmap
            .chunks_exact(8)
            .map(|chunk| u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])))
            .collect();
        let mut ranks = Vec::with_capacity(present.len());
        let mut total = 0u32;
        for word in &present {
            ranks.push(total);
            total += word.count_ones();
        }
        let table_bits = word(24)?;
        let rows_start = HEADER_BYTES + BITMAP_BYTES;
        let rows_end = rows_start.checked_add(stored.checked_mul(TAGS * 2)?)?;
        if total as usize != stored || table_bits > 30 {
            return None;
        }
        let rows = bytes.get(rows_start..rows_end)?;
        let slots = 1usize << table_bits;
        let keys_end = rows_end.checked_add(slots * 8)?;
        let keys = bytes.get(rows_end..keys_end)?;
        let values = bytes.get(keys_end..)?;
        let table = Table::from_bytes(table_bits, keys, values)?;
        Some(Model {
            present,
            ranks,
            rows,
            table,
        })
    }
}

impl Model<'_> {
    /// The stored weights of feature row `row`, one little-endian i16 per tag; `None` for a
    /// row that never received an update (all zero).
    #[inline(always)]
    fn row(&self, row: usize) -> Option<&[u8; ROW_BYTES]> {
        let (&word, &rank) = (self.present.get(row / 64)?, self.ranks.get(row / 64)?);
        let bit = row % 64;
        if word >> bit & 1 == 0 {
            return None;
        }
        let index = rank as usize + (word & ((1u64 << bit) - 1)).count_ones() as usize;
        self.rows
            .get(index * ROW_BYTES..(index + 1) * ROW_BYTES)?
            .try_into()
            .ok()
    }

    /// Adds the weights of row `row` to 32-bit sums: a token's static features are a few dozen
    /// rows of i16, far from overflowing, and the fixed-size 32-bit loop is several times
    /// cheaper than widening each weight to 64 bits (this is the tagger's innermost loop).
    #[inline(always)]
    fn add_row(&self, row: usize, scores: &mut [i32; TAGS]) {
        if let Some(weights) = self.row(row) {
            for (tag, score) in scores.iter_mut().enumerate() {
                *score += i32::from(i16::from_le_bytes([weights[2 * tag], weights[2 * tag + 1]]));
            }
        }
    }
}

/// Bytes of one stored row: an i16 per tag.
const ROW_BYTES: usize = TAGS * 2;

impl Weights for Model<'_> {
    fn add_scores(&self, row: usize, scores: &mut [i64; TAGS]) {
        if let Some(weights) = self.row(row) {
            for (tag, score) in scores.iter_mut().enumerate() {
                *score += i64::from(i16::from_le_bytes([weights[2 * tag], weights[2 * tag + 1]]));
            }
        }
    }
}

/// The model compiled into the binary, checked once.
pub static SHIPPED: LazyLock<Option<Model<'static>>> =
    LazyLock::new(|| Model::from_bytes(include_bytes!("ner.bin")));

/// Whether the shipped word clusters know `word` as written (case kept): it was seen several
/// times in the unlabelled news they were learned from (`train_clusters`' minimum count), which
/// a typist's slip almost never is. A prior for which of two spellings is right when the article
/// itself does not tell.
pub fn knows_spelling(word: &str) -> bool {
    let Some(model) = SHIPPED.as_ref() else {
        return false;
    };
    let cased = word.chars().fold(SEED ^ 1, |hash, c| mix(hash, c as u64));
    model.table().get(cluster_key(cased)) != 0
}

/// Whether any of the large gazetteers `lists` (flags of `table::big`) the model carries lists
/// `word` (any case).
fn in_large_gazetteers(word: &str, lists: u16) -> bool {
    let Some(model) = SHIPPED.as_ref() else {
        return false;
    };
    let key = super::table::gazetteer_key(&[super::hashing::lower_hash(word)]);
    model.table().get(key) & u32::from(lists) != 0
}

/// Whether the large given-name gazetteer the model carries lists `word` (any case).
pub fn is_given_name(word: &str) -> bool {
    in_large_gazetteers(word, super::table::big::FIRST_NAME)
}

/// Whether the large surname gazetteer the model carries lists `word` (any case).
pub fn is_listed_surname(word: &str) -> bool {
    in_large_gazetteers(word, super::table::big::SURNAME)
}

/// Whether the large gazetteer of countries the model carries lists `word` (any case).
pub fn is_listed_country(word: &str) -> bool {
    in_large_gazetteers(word, super::table::big::COUNTRY)
}

/// Whether the large gazetteers of countries and cities the model carries list `word` (any
/// case).
pub fn is_listed_place(word: &str) -> bool {
    in_large_gazetteers(word, super::table::big::COUNTRY | super::table::big::CITY)
}

#[cfg(feature = "internals")]
/// Tags every token of the article. `learn` is called for each decision with the feature rows
/// and the predicted tag; a trainer returns the gold tag (and updates its weights) so that
/// decoding continues exactly as it will in use.
pub fn decode<W: Weights>(
    weights: &W,
    article: &Article,
    mut learn: impl FnMut(usize, &[usize], u8),
) -> Vec<u8> {
    let mut features = Vec::with_capacity(64);
    let mut rows = Vec::with_capacity(64);
    walk(article, |segment, index, context| {
        features.clear();
        article.static_features(segment, index, &mut features);
        context.features(&article.infos[index], &mut features);
        rows.clear();
        rows.extend(features.iter().map(|&feature| bucket(feature)));
        let mut scores = [0i64; TAGS];
        for &row in &rows {
            weights.add_scores(row, &mut scores);
        }
        let best = best_tag(context.previous, &scores);
        learn(index, &rows, best);
        best
    })
}

/// The sums of the weights of the features that do not depend on earlier tags, for the tokens
/// the walk is likely to score: every token with a capital (always scored) and every token right
/// after one (scored when that one starts or continues a name). They are most of the work of
/// tagging and independent of one another, so they are summed side by side (through `join`)
/// before the walk, which is sequential.
pub struct StaticScores {
    scores: Vec<[i32; TAGS]>,
    /// Each token's index in `scores`, or `NOT_PRECOMPUTED`.
    slots: Vec<u32>,
}

const NOT_PRECOMPUTED: u32 = u32::MAX;

/// The static scores of one region's likely scored tokens, in token order.
pub type RegionScores = Vec<[i32; TAGS]>;

/// Whether the walk is likely to score token `index` of the segment starting at `segment_start`.
fn likely_scored(article: &Article, segment_start: usize, index: usize) -> bool {
    article.infos[index].has_upper || (index > segment_start && article.infos[index - 1].has_upper)
}

impl StaticScores {
    /// Sums the scores of each region, or reuses those `memo` remembers for the same region
    /// text with the same evidence about its words.
    pub(crate) fn new(
        model: &Model,
        text: &str,
        article: &Article,
        join: &impl Join,
        memo: &Memo<RegionScores>,
        kept: &mut Kept<RegionScores>,
    ) -> StaticScores {
        let half = article.infos.len() / 2;
        let middle = article
            .regions
            .partition_point(|(_, tokens)| tokens.end <= half);
        let (first, second) = article.regions.split_at(middle);
        let mut kept_second = kept.sibling();
        let (mut scores, second) = join.join(
            || region_scores(model, text, article, first, memo, kept),
            || region_scores(model, text, article, second, memo, &mut kept_second),
        );
        kept.append(kept_second);
        scores.extend(second);
        let mut slots = vec![NOT_PRECOMPUTED; article.infos.len()];
        let mut next = 0u32;
        for segment in article.segments() {
            for index in segment.clone() {
                if likely_scored(article, segment.start, index) {
                    slots[index] = next;
                    next += 1;
                }
            }
        }
        StaticScores { scores, slots }
    }

    fn of(&self, index: usize) -> Option<[i32; TAGS]> {
        let slot = *self.slots.get(index)?;
        self.scores.get(slot as usize).copied()
    }
}

fn region_scores(
    model: &Model,
    text: &str,
    article: &Article,
    regions: &[(Span, Range<usize>)],
    memo: &Memo<RegionScores>,
    kept: &mut Kept<RegionScores>,
) -> Vec<[i32; TAGS]> {
    let mut scores = Vec::new();
    let mut features = Vec::with_capacity(64);
    for (span, tokens) in regions {
        // The fingerprint keys results kept for the next analysis only.
        let fingerprint = if kept.keeps() {
            article.evidence_fingerprint(tokens.clone())
        } else {
            0
        };
        let region = memo.get_or(kept, span.slice(text), fingerprint, || {
            let first = article
                .segment_starts
                .partition_point(|&start| start < tokens.start);
            let last = article
                .segment_starts
                .partition_point(|&start| start < tokens.end);
            let mut region = Vec::new();
            // The segments of the region: the last start is the next region's first token.
            let segment_starts = article.segment_starts.get(first..=last).unwrap_or(&[]);
            for pair in segment_starts.windows(2) {
                let segment = pair[0]..pair[1];
                for index in segment.clone() {
                    if likely_scored(article, segment.start, index) {
                        region.push(static_score(
                            model,
                            article,
                            segment.clone(),
                            index,
                            &mut features,
                        ));
                    }
                }
            }
            region
        });
        scores.extend_from_slice(&region.value);
    }
    scores
}

/// The summed static weights of one token. Weights are 16-bit and a token has fewer than a
/// hundred features, so the sum fits 32 bits.
fn static_score(
    model: &Model,
    article: &Article,
    segment: Range<usize>,
    index: usize,
    features: &mut Vec<u64>,
) -> [i32; TAGS] {
    // Finding a row counts the bits below it in the model's bitmap, once per feature of every
    // token: the CPU's own bit count (every x86-64 CPU since about 2008, though not in the
    // baseline target) is one instruction where the portable one is a dozen. The result is
    // the same either way.
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("popcnt") {
        // SAFETY: the CPU has just been found to support `popcnt`.
        return unsafe { static_score_with_popcnt(model, article, segment, index, features) };
    }
    static_score_portable(model, article, segment, index, features)
}

/// `static_score` compiled to count bits with the `popcnt` instruction.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
fn static_score_with_popcnt(
    model: &Model,
    article: &Article,
    segment: Range<usize>,
    index: usize,
    features: &mut Vec<u64>,
) -> [i32; TAGS] {
    static_score_portable(model, article, segment, index, features)
}

#[inline(always)]
fn static_score_portable(
    model: &Model,
    article: &Article,
    segment: Range<usize>,
    index: usize,
    features: &mut Vec<u64>,
) -> [i32; TAGS] {
    features.clear();
    article.static_features(segment, index, features);
    let mut scores = [0i32; TAGS];
    for &feature in features.iter() {
        model.add_row(bucket(feature), &mut scores);
    }
    scores
}

/// Tags every token of the article with the shipped model, from its precomputed static scores:
/// the same decisions as `decode`, as integer sums do not depend on their order.
pub fn tag(model: &Model, article: &Article, static_scores: &StaticScores) -> Vec<u8> {
    let mut features = Vec::with_capacity(64);
    // The features of the tags alone take a few hundred values: their scores are summed once.
    let mut by_tags: HashMap<(u8, u8, u8), [i64; TAGS]> = HashMap::default();
    walk(article, |segment, index, context| {
        let info = &article.infos[index];
        let static_part = static_scores
            .of(index)
            .unwrap_or_else(|| static_score(model, article, segment, index, &mut features));
        let mut scores = static_part.map(i64::from);
        let key = (
            context.previous,
            context.before_previous,
            context.remembered,
        );
        let tags_part = by_tags.entry(key).or_insert_with(|| {
            let mut features = Vec::with_capacity(8);
            tag_features(
                context.previous,
                context.before_previous,
                context.remembered,
                &mut features,
            );
            let mut scores = [0i64; TAGS];
            for feature in features {
                model.add_scores(bucket(feature), &mut scores);
            }
            scores
        });
        for (score, add) in scores.iter_mut().zip(tags_part.iter()) {
            *score += add;
        }
        features.clear();
        word_tag_features(info, context.previous, context.remembered, &mut features);
        for &feature in &features {
            model.add_scores(bucket(feature), &mut scores);
        }
        best_tag(context.previous, &scores)
    })
}

/// What a decision knows beyond the token's own features: the two previous tags and the kind
/// the article last gave the same word.
struct Context {
    previous: u8,
    before_previous: u8,
    remembered: u8,
}

impl Context {
    #[cfg(feature = "internals")]
    fn features(&self, info: &TokenInfo, out: &mut Vec<u64>) {
        dynamic_features(
            info,
            self.previous,
            self.before_previous,
            self.remembered,
            out,
        );
    }
}

fn best_tag(previous: u8, scores: &[i64; TAGS]) -> u8 {
    let mut best = OUTSIDE;
    for tag in 0..TAGS as u8 {
        if allowed(previous, tag) && scores[tag as usize] > scores[best as usize] {
            best = tag;
        }
    }
    best
}

/// The greedy left-to-right walk shared by training and tagging: `choose` scores a token in
/// its segment and context and returns its tag. Every token with a capital is scored, and so is
/// every token after an entity; in a capital-less token after no entity, nothing is.
fn walk(article: &Article, mut choose: impl FnMut(Range<usize>, usize, &Context) -> u8) -> Vec<u8> {
    let mut tags = vec![OUTSIDE; article.infos.len()];
    let mut history: HashKeyed<u8> = HashKeyed::default();
    for segment in article.segments() {
        let (mut previous, mut before_previous) = (START, START);
        for index in segment.clone() {
            let info: &TokenInfo = &article.infos[index];
            // Words with no capital after a non-entity never start one; skipping them keeps
            // tagging fast, and training skips them alike.
            let skipped = !is_open(previous) && !info.has_upper;
            let tag = if skipped {
                OUTSIDE
            } else {
                let context = Context {
                    previous,
                    before_previous,
                    remembered: history.get(&info.lower).copied().unwrap_or(0),
                };
                choose(segment.clone(), index, &context)
            };
            if info.has_upper {
                // 0 = never seen, 1 = outside, 2.. = kind.
                let remembered = kind_of(tag).map_or(1, |kind| kind as u8 + 2);
                history.insert(info.lower, remembered);
            }
            tags[index] = tag;
            before_previous = previous;
            previous = tag;
        }
    }
    tags
}

/// The entity spans of a tag sequence.
pub fn spans(article: &Article, tags: &[u8]) -> Vec<(Span, EntityKind)> {
    let mut out: Vec<(Span, EntityKind)> = Vec::new();
    let mut open: Option<(Span, usize)> = None;
    for (info, &tag) in article.infos.iter().zip(tags) {
        // Punctuation other than "&" and "/" is never part of a name ("(With ANI Inputs)"):
        // it closes the name it follows, whatever its tag.
        let tag = if info.in_names { tag } else { OUTSIDE };
        let continues = !info.token.starts_segment
            && kind_of(tag).is_some_and(|kind| {
                (tag == inside(kind) || tag == last(kind)) && open.is_some_and(|(_, k)| k == kind)
            });
        if continues {
            if let Some((span, kind)) = &mut open {
                span.end = info.token.span.end;
                if tag == last(*kind) {
                    out.push((*span, KINDS[*kind]));
                    open = None;
                }
            }
            continue;
        }
        if let Some((span, kind)) = open.take() {
            out.push((span, KINDS[kind]));
        }
        match kind_of(tag) {
            Some(kind) if tag == unit(kind) => out.push((info.token.span, KINDS[kind])),
            Some(kind) => open = Some((info.token.span, kind)),
            None => {}
        }
    }
    if let Some((span, kind)) = open {
        out.push((span, KINDS[kind]));
    }
    out
}

#[cfg(feature = "internals")]
/// BILOU tags of the tokens from gold spans (a token inside a span is tagged with its kind).
pub fn gold_tags(article: &Article, gold: &[(Span, EntityKind)]) -> Vec<u8> {
    let mut tags = vec![OUTSIDE; article.infos.len()];
    for (span, kind) in gold {
        let Some(kind) = KINDS.iter().position(|k| k == kind) else {
            continue;
        };
        let first = article
            .infos
            .partition_point(|info| info.token.span.end <= span.start);
        let covered: Vec<usize> = (first..article.infos.len())
            .take_while(|&index| article.infos[index].token.span.start < span.end)
            .filter(|&index| article.infos[index].token.span.overlaps(*span))
            .collect();
        match covered.as_slice() {
            [] => {}
            [only] => tags[*only] = unit(kind),
            [head, middle @ .., tail] => {
                tags[*head] = begin(kind);
                for &index in middle {
                    tags[index] = inside(kind);
                }
                tags[*tail] = last(kind);
            }
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::super::table::Table;
    use super::*;

    #[test]
    fn punctuation_closes_a_name() {
        let text = "(With ANI Inputs) and AT & T said";
        let article = Article::new(text, &[Span::new(0, text.len())], &Table::EMPTY);
        let org = 1;
        // ( With ANI Inputs ) and AT & T said
        let tags = [
            OUTSIDE,
            OUTSIDE,
            begin(org),
            inside(org),
            last(org),
            OUTSIDE,
            begin(org),
            inside(org),
            last(org),
            OUTSIDE,
        ];
        let found: Vec<&str> = spans(&article, &tags)
            .iter()
            .map(|(span, _)| span.slice(text))
            .collect();
        assert_eq!(found, ["ANI Inputs", "AT & T"]);
    }
}
