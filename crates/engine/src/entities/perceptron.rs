//! Training of the tagger: an averaged structured perceptron over the shared decoder, with
//! integer updates so that a run is exactly reproducible, and quantisation to the shipped format.
//!
//! Pure: the caller (examples/train_ner.rs) reads the corpus and writes the file.

use std::cell::RefCell;

use super::EntityKind;
use super::features::{Article, BUCKET_BITS, BUCKETS};
use super::model::{self, BITMAP_BYTES, HEADER_BYTES, MAGIC, TAGS, VERSION, Weights};
use super::table::Table;
use crate::span::Span;

/// Feature rows whose averaged weights all stay below this are not shipped.
pub const PRUNE_BELOW: f64 = 1.0;

/// Weights in training, with the sums needed to average them over all updates
/// (the "lazy averaging" of Daumé: average = w − accumulated / steps).
pub struct Trainer {
    weights: Vec<i32>,
    accumulated: Vec<i64>,
    steps: i64,
    /// The table of word clusters and large gazetteers (`Table::build`), shipped with the
    /// weights: slot bits, keys, values.
    table: (u32, Vec<u8>, Vec<u8>),
}

impl Default for Trainer {
    fn default() -> Self {
        Trainer::new(Table::build(&[]))
    }
}

impl Weights for Trainer {
    fn add_scores(&self, row: usize, scores: &mut [i64; TAGS]) {
        if let Some(row) = self.weights.get(row * TAGS..row * TAGS + TAGS) {
            for (score, &weight) in scores.iter_mut().zip(row) {
                *score += weight as i64;
            }
        }
    }
}

/// Training statistics of one pass.
#[derive(Debug, Default, Clone, Copy)]
pub struct PassStats {
    pub decisions: usize,
    pub mistakes: usize,
}

impl Trainer {
    /// A trainer whose features read `table` (from `Table::build`).
    pub fn new(table: (u32, Vec<u8>, Vec<u8>)) -> Trainer {
        Trainer {
            weights: vec![0; BUCKETS * TAGS],
            accumulated: vec![0; BUCKETS * TAGS],
            steps: 1,
            table,
        }
    }

    /// The table the features read.
    pub fn table(&self) -> Table<'_> {
        let (bits, keys, values) = &self.table;
        Table::from_bytes(*bits, keys, values).unwrap_or(Table::EMPTY)
    }

    /// One perceptron pass over one article: decode, and on every wrong tag move the weights
    /// towards the gold tag.
    pub fn train(&mut self, text: &str, gold: &[(Span, EntityKind)]) -> PassStats {
        self.train_masked(text, gold, 0, 0)
    }

    /// `train`, hiding the spelling of about one capitalised token in `one_in` from the
    /// features (0: none), chosen by a fixed pseudo-random sequence from `seed`.
    pub fn train_masked(
        &mut self,
        text: &str,
        gold: &[(Span, EntityKind)],
        seed: u64,
        one_in: u64,
    ) -> PassStats {
        let table = self.table();
        let mut article = Article::new(text, &[Span::new(0, text.len())], &table);
        if one_in > 0 {
            let mut state = seed | 1;
            article.masked = article
                .infos
                .iter()
                .map(|info| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    info.has_upper && state.is_multiple_of(one_in)
                })
                .collect();
        }
        let gold_tags = model::gold_tags(&article, gold);
        let mut stats = PassStats::default();
        let shadow = ShadowTrainer {
            trainer: RefCell::new(self),
        };
        model::decode(&shadow, &article, |index, rows, predicted| {
            stats.decisions += 1;
            let gold = gold_tags.get(index).copied().unwrap_or(model::OUTSIDE);
            if gold != predicted {
                stats.mistakes += 1;
                shadow.update(rows, gold, predicted);
            }
            shadow.tick();
        });
        stats
    }

    fn averaged(&self) -> Vec<f64> {
        let steps = self.steps as f64;
        self.weights
            .iter()
            .zip(&self.accumulated)
            .map(|(&weight, &accumulated)| weight as f64 - accumulated as f64 / steps)
            .collect()
    }

    /// The averaged weights at full precision (times 1000), to measure what quantising costs.
    pub fn averaged_weights(&self) -> AveragedWeights {
        AveragedWeights(
            self.averaged()
                .iter()
                .map(|w| (w * 1000.0).round() as i64)
                .collect(),
        )
    }

    /// The averaged weights in the shipped format: header, bitmap of non-zero rows, rows of
    /// i16 weights scaled so that the largest weight uses the whole range.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_bytes_pruned(PRUNE_BELOW)
    }

    /// `to_bytes`, dropping every feature row whose largest averaged weight is below `prune`:
    /// rare features with tiny weights barely move a decision, and every stored row costs a
    /// memory access when the tagger runs.
    pub fn to_bytes_pruned(&self, prune: f64) -> Vec<u8> {
        let mut averaged = self.averaged();
        for row in averaged.chunks_exact_mut(TAGS) {
            if row.iter().all(|w| w.abs() < prune) {
                row.fill(0.0);
            }
        }
        let largest = averaged.iter().fold(0.0f64, |max, w| max.max(w.abs()));
        let scale = if largest > 0.0 {
            i16::MAX as f64 / largest
        } else {
            1.0
        };
        let quantised: Vec<i16> = averaged
            .iter()
            .map(|w| {
                (w * scale)
                    .round()
                    .clamp(-(i16::MAX as f64), i16::MAX as f64) as i16
            })
            .collect();
        let mut bitmap = vec![0u8; BITMAP_BYTES];
        let mut rows = Vec::new();
        for (row, weights) in quantised.chunks_exact(TAGS).enumerate() {
            if weights.iter().any(|&w| w != 0) {
                bitmap[row / 8] |= 1 << (row % 8);
                for weight in weights {
                    rows.extend_from_slice(&weight.to_le_bytes());
                }
            }
        }
        let stored = (rows.len() / (2 * TAGS)) as u32;
        let (table_bits, keys, values) = &self.table;
        let mut bytes = Vec::with_capacity(
            HEADER_BYTES + BITMAP_BYTES + rows.len() + keys.len() + values.len(),
        );
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&VERSION.to_le_bytes());
        bytes.extend_from_slice(&BUCKET_BITS.to_le_bytes());
        bytes.extend_from_slice(&(TAGS as u32).to_le_bytes());
        bytes.extend_from_slice(&stored.to_le_bytes());
        bytes.extend_from_slice(&table_bits.to_le_bytes());
        bytes.extend_from_slice(&bitmap);
        bytes.extend_from_slice(&rows);
        bytes.extend_from_slice(keys);
        bytes.extend_from_slice(values);
        bytes
    }
}

/// The trainer seen by the decoder: it scores through a shared borrow and is updated between
/// decisions, so each decision sees every earlier update (online learning).
struct ShadowTrainer<'a> {
    trainer: RefCell<&'a mut Trainer>,
}

impl ShadowTrainer<'_> {
    fn update(&self, rows: &[usize], gold: u8, predicted: u8) {
        let mut trainer = self.trainer.borrow_mut();
        let steps = trainer.steps;
        for &row in rows {
            for (tag, delta) in [(gold, 1i32), (predicted, -1i32)] {
                let at = row * TAGS + tag as usize;
                if let Some(weight) = trainer.weights.get_mut(at) {
                    *weight += delta;
                }
                if let Some(accumulated) = trainer.accumulated.get_mut(at) {
                    *accumulated += steps * delta as i64;
                }
            }
        }
    }

    fn tick(&self) {
        self.trainer.borrow_mut().steps += 1;
    }
}

impl Weights for ShadowTrainer<'_> {
    fn add_scores(&self, row: usize, scores: &mut [i64; TAGS]) {
        self.trainer.borrow().add_scores(row, scores);
    }
}

/// Averaged weights before quantisation.
pub struct AveragedWeights(Vec<i64>);

impl Weights for AveragedWeights {
    fn add_scores(&self, row: usize, scores: &mut [i64; TAGS]) {
        if let Some(row) = self.0.get(row * TAGS..row * TAGS + TAGS) {
            for (score, &weight) in scores.iter_mut().zip(row) {
                *score += weight;
            }
        }
    }
}
