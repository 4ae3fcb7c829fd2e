//! `newsls agree DIR_A DIR_B`: how far two annotators' standoff layers over the same articles
//! agree, per category of decision: agreement F1 (B scored against A as reference) and, where
//! both decided on the same spans, Cohen's kappa over their labels.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::{Value, json};

use super::{AgreeArgs, TableFormat, exit};
use newsls_project::standoff::{SIDECAR_DIR, parse_layer_as_written};

/// What one decision is about: the sidecar (article), the span in code points, the decision kind.
type ItemKey = (PathBuf, usize, usize, &'static str);

/// Every decision of one annotator, by category, keyed by item, with its label.
type Decisions = BTreeMap<&'static str, HashMap<ItemKey, String>>;

/// The folder that holds the sidecars: `DIR/.newsls/annotations` when it exists, else `DIR`.
fn layer_root(dir: &Path) -> PathBuf {
    let nested = dir.join(SIDECAR_DIR);
    if nested.is_dir() {
        nested
    } else {
        dir.to_path_buf()
    }
}

fn sidecars(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "jsonl") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn load(dir: &Path) -> (Decisions, usize) {
    let root = layer_root(dir);
    let mut decisions = Decisions::new();
    let mut problems = 0;
    for path in sidecars(&root) {
        let relative = path
            .strip_prefix(&root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.clone());
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        let (layer, found) = parse_layer_as_written(&source, &path);
        for problem in &found {
            eprintln!("warning: {problem} (record ignored)");
        }
        problems += found.len();
        for record in layer.records {
            let key = (
                relative.clone(),
                record.anchor.span.start,
                record.anchor.span.end,
                record.decision.name(),
            );
            decisions
                .entry(record.decision.category())
                .or_default()
                .insert(key, record.decision.label());
        }
    }
    (decisions, problems)
}

/// Agreement of one category.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    pub items_a: usize,
    pub items_b: usize,
    /// Same item, same label.
    pub matching: usize,
    pub f1: f64,
    /// Items both decided on.
    pub shared: usize,
    /// Cohen's kappa over the shared items; `None` when it is undefined (fewer than one item, or one label only).
    pub kappa: Option<f64>,
}

pub fn agreement(a: &HashMap<ItemKey, String>, b: &HashMap<ItemKey, String>) -> Agreement {
    let matching = a
        .iter()
        .filter(|(key, label)| b.get(*key) == Some(*label))
        .count();
    let f1 = if a.is_empty() && b.is_empty() {
        1.0
    } else {
        2.0 * matching as f64 / (a.len() + b.len()) as f64
    };
    let shared: Vec<(&String, &String)> = a
        .iter()
        .filter_map(|(key, label)| b.get(key).map(|other| (label, other)))
        .collect();
    Agreement {
        items_a: a.len(),
        items_b: b.len(),
        matching,
        f1,
        shared: shared.len(),
        kappa: cohen_kappa(&shared),
    }
}

/// Cohen's kappa of paired labels: (observed − expected) / (1 − expected).
pub fn cohen_kappa(pairs: &[(&String, &String)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let observed = pairs.iter().filter(|(x, y)| x == y).count() as f64 / n;
    let mut count_a: HashMap<&str, f64> = HashMap::new();
    let mut count_b: HashMap<&str, f64> = HashMap::new();
    for (x, y) in pairs {
        *count_a.entry(x.as_str()).or_default() += 1.0;
        *count_b.entry(y.as_str()).or_default() += 1.0;
    }
    let expected: f64 = count_a
        .iter()
        .map(|(label, count)| (count / n) * (count_b.get(label).copied().unwrap_or(0.0) / n))
        .sum();
    if (1.0 - expected).abs() < f64::EPSILON {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}

pub fn run(args: &AgreeArgs) -> Result<i32> {
    for dir in [&args.dir_a, &args.dir_b] {
        if !dir.is_dir() {
            eprintln!(
                "error: {}: not a folder of annotation layers",
                dir.display()
            );
            return Ok(exit::ERROR);
        }
    }
    for dir in [&args.dir_a, &args.dir_b] {
        if sidecars(&layer_root(dir)).is_empty() {
            eprintln!(
                "error: {}: no annotation layers (looked for *.jsonl sidecars in {}); \
                 annotators' decisions are written there in standoff mode (docs/annotation-sessions.md)",
                dir.display(),
                layer_root(dir).display()
            );
            return Ok(exit::ERROR);
        }
    }
    let (a, problems_a) = load(&args.dir_a);
    let (b, problems_b) = load(&args.dir_b);
    let empty = HashMap::new();
    let categories: BTreeSet<&str> = a.keys().chain(b.keys()).copied().collect();
    let rows: Vec<(&str, Agreement)> = categories
        .iter()
        .map(|category| {
            (
                *category,
                agreement(
                    a.get(category).unwrap_or(&empty),
                    b.get(category).unwrap_or(&empty),
                ),
            )
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        TableFormat::Json => {
            let categories: serde_json::Map<String, Value> = rows
                .iter()
                .map(|(category, row)| {
                    (
                        category.to_string(),
                        json!({
                            "items_a": row.items_a, "items_b": row.items_b, "matching": row.matching,
                            "f1": round(row.f1), "shared": row.shared, "kappa": row.kappa.map(round),
                        }),
                    )
                })
                .collect();
            let document =
                json!({"categories": categories, "unreadable_records": problems_a + problems_b});
            writeln!(out, "{}", serde_json::to_string_pretty(&document)?)?;
        }
        TableFormat::Table => {
            writeln!(
                out,
                "{:<12} {:>7} {:>7} {:>8} {:>6} {:>7} {:>6}",
                "category", "A", "B", "matching", "F1", "shared", "kappa"
            )?;
            for (category, row) in &rows {
                let kappa = row
                    .kappa
                    .map_or_else(|| "n/a".to_string(), |kappa| format!("{kappa:.3}"));
                writeln!(
                    out,
                    "{category:<12} {:>7} {:>7} {:>8} {:>6.3} {:>7} {kappa:>6}",
                    row.items_a, row.items_b, row.matching, row.f1, row.shared
                )?;
            }
        }
    }
    Ok(exit::CLEAN)
}

fn round(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(start: usize, label: &str) -> (ItemKey, String) {
        (
            (PathBuf::from("a.txt.jsonl"), start, start + 3, "quote-kind"),
            label.to_string(),
        )
    }

    #[test]
    fn kappa_of_a_known_table() {
        // 10 items, two labels: A = 6 yes 4 no, B = 5 yes 5 no, agreeing on 4 yes and 3 no.
        let yes = "yes".to_string();
        let no = "no".to_string();
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n((&yes, &yes), 4));
        pairs.extend(std::iter::repeat_n((&yes, &no), 2));
        pairs.extend(std::iter::repeat_n((&no, &yes), 1));
        pairs.extend(std::iter::repeat_n((&no, &no), 3));
        // observed 0.7; expected 0.6*0.5 + 0.4*0.5 = 0.5; kappa 0.4.
        let kappa = cohen_kappa(&pairs).expect("defined");
        assert!((kappa - 0.4).abs() < 1e-9, "{kappa}");
        assert_eq!(
            cohen_kappa(&[(&yes, &yes)]),
            None,
            "one label only: undefined"
        );
    }

    #[test]
    fn f1_counts_same_item_same_label() {
        let a: HashMap<ItemKey, String> = [item(0, "title"), item(10, "scare"), item(20, "title")]
            .into_iter()
            .collect();
        let b: HashMap<ItemKey, String> =
            [item(0, "title"), item(10, "title")].into_iter().collect();
        let result = agreement(&a, &b);
        assert_eq!(
            (
                result.items_a,
                result.items_b,
                result.matching,
                result.shared
            ),
            (3, 2, 1, 2)
        );
        assert!((result.f1 - 0.4).abs() < 1e-9);
    }
}
