//! The learned parts of quote reading: linear models over named features.
//!
//! Three models share this form: whether a quotation is speech (`speech.weights`), which
//! candidate phrase speaks a quote the sentence rules left without a speaker
//! (`speaker.weights`), and whether a quote with no speaker names no source at all
//! (`sourceless.weights`). They are trained on PolNeAR's development articles by
//! `examples/train_quotes.rs` and shipped as text files beside this module: one `feature<TAB>weight`
//! line each, `#` comments, the intercept under the name `bias` and the decision threshold, when
//! training chose one, under `threshold`. A feature the file does not list weighs nothing.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::hash_maps::HashMap;

/// A logistic-regression model: the probability is the logistic of the summed weights.
#[derive(Debug, Clone, Default)]
pub struct LinearModel {
    bias: f32,
    weights: HashMap<String, f32>,
    /// The decision threshold chosen at training time (`threshold` line), if any.
    threshold: Option<f32>,
}

impl LinearModel {
    /// Reads a weights file; lines that are not `name<TAB>number` are skipped.
    pub fn parse(source: &str) -> LinearModel {
        let mut model = LinearModel::default();
        for line in source.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((name, weight)) = line.rsplit_once('\t') else {
                continue;
            };
            let Ok(weight) = weight.trim().parse::<f32>() else {
                continue;
            };
            if name == "bias" {
                model.bias = weight;
            } else if name == "threshold" {
                model.threshold = Some(weight);
            } else {
                model.weights.insert(name.to_string(), weight);
            }
        }
        model
    }

    /// The summed weights of `features` and the intercept.
    pub fn score(&self, features: &Features) -> f32 {
        self.bias
            + features
                .names
                .iter()
                .filter_map(|name| self.weights.get(name.as_ref()))
                .sum::<f32>()
    }

    /// The probability the model gives the positive class.
    pub fn probability(&self, features: &Features) -> f32 {
        logistic(self.score(features))
    }

    /// The probability at or above which the positive class is decided: the threshold chosen
    /// at training time, else one half.
    pub fn threshold(&self) -> f32 {
        self.threshold.unwrap_or(0.5)
    }

    /// Whether the model decides for the positive class.
    pub fn decides(&self, features: &Features) -> bool {
        self.probability(features) >= self.threshold()
    }

    /// How many features carry a weight (for tests).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

pub fn logistic(score: f32) -> f32 {
    1.0 / (1.0 + (-score).exp())
}

/// The named binary features of one example, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Features {
    /// Most names are fixed words ("rule=none", "heading"), borrowed rather than copied: a
    /// quote has dozens of features, read again on every analysis.
    pub names: Vec<Cow<'static, str>>,
}

impl Features {
    pub fn new() -> Self {
        Features {
            names: Vec::with_capacity(48),
        }
    }

    pub fn add(&mut self, name: impl Into<Cow<'static, str>>) {
        self.names.push(name.into());
    }

    /// `name=value`, joined without `format!`, which cost a twelfth of quote reading.
    pub fn add_value(&mut self, name: &str, value: &str) {
        self.add_joined(&[name, "=", value]);
    }

    /// `name=count`, for small counts.
    pub fn add_count(&mut self, name: &str, count: usize) {
        let mut feature = crate::strings::joined(&[name, "="]);
        crate::strings::push_number(&mut feature, count as i64);
        self.names.push(Cow::Owned(feature));
    }

    /// The parts, one after another, as one name.
    pub fn add_joined(&mut self, parts: &[&str]) {
        self.names.push(Cow::Owned(crate::strings::joined(parts)));
    }

    /// Adds `name` when `condition` holds.
    pub fn flag(&mut self, name: &'static str, condition: bool) {
        if condition {
            self.names.push(Cow::Borrowed(name));
        }
    }

    /// The names, owned (for training data).
    #[cfg(feature = "internals")]
    pub fn into_names(self) -> Vec<String> {
        self.names.into_iter().map(Cow::into_owned).collect()
    }
}

/// Whether a quotation is speech (a report of what someone said or wrote) rather than a title,
/// term, nickname or scare quote.
pub static SPEECH: LazyLock<LinearModel> =
    LazyLock::new(|| LinearModel::parse(include_str!("speech.weights")));

/// Whether a candidate phrase is the speaker of a quote.
pub static SPEAKER: LazyLock<LinearModel> =
    LazyLock::new(|| LinearModel::parse(include_str!("speaker.weights")));

/// Whether a quote that newsls could attribute to no one names no source in the text.
pub static SOURCELESS: LazyLock<LinearModel> =
    LazyLock::new(|| LinearModel::parse(include_str!("sourceless.weights")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_files_parse_and_score() {
        let model = LinearModel::parse("# comment\nbias\t-1.5\nlen=1\t2.0\nbad line\n");
        let mut features = Features::new();
        features.add("len=1");
        features.add("unknown");
        assert!((model.score(&features) - 0.5).abs() < 1e-6);
        assert!((model.probability(&Features::new()) - logistic(-1.5)).abs() < 1e-6);
        assert_eq!(model.len(), 1);
    }

    #[test]
    fn the_shipped_models_are_not_empty() {
        assert!(!SPEECH.is_empty());
        assert!(!SPEAKER.is_empty());
        assert!(!SOURCELESS.is_empty());
    }
}
