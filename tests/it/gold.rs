//! The seed articles against their hand-made gold (`seeds/gold.json`), category by category,
//! with floors: a snapshot update cannot hide a regression, because the number of gold checks
//! passed may only go up. The checks mirror the project's seed scorer.

use std::collections::BTreeMap;
use std::path::PathBuf;

use newsls_engine::{Analysis, Code, Input, Options, Settings, analyze};
use serde_json::Value;

/// Gold checks that must pass, per category (raise these as the analyses improve).
const FLOORS: &[(&str, usize)] = &[
    ("publication date", 5),
    ("boilerplate", 2),
    ("quote", 21),
    ("boilerplate only", 1),
    ("date", 25),
    ("entity", 64),
    ("misspelling", 1),
    ("title", 2),
];

fn norm(name: &str) -> String {
    name.to_lowercase()
        .replace('\u{2019}', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A predicted name matches when it equals the wanted one, shares its last word, or contains it.
fn name_matches(predicted: &str, wanted: &str) -> bool {
    let (p, w) = (norm(predicted), norm(wanted));
    if p.is_empty() || w.is_empty() {
        return false;
    }
    p == w || p.split(' ').next_back() == w.split(' ').next_back() || p.contains(&w)
}

#[derive(Default)]
struct Tally {
    passed: BTreeMap<&'static str, usize>,
    total: BTreeMap<&'static str, usize>,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, category: &'static str, ok: bool, what: impl FnOnce() -> String) {
        *self.total.entry(category).or_default() += 1;
        if ok {
            *self.passed.entry(category).or_default() += 1;
        } else {
            self.failures.push(format!("{category}: {}", what()));
        }
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn find_all(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle)
        .map(|(at, found)| (at, at + found.len()))
        .collect()
}

fn check_article(name: &str, gold: &Value, text: &str, analysis: &Analysis, tally: &mut Tally) {
    let dct = analysis
        .publication_date
        .as_ref()
        .map(|dct| dct.value.timex())
        .unwrap_or_default();
    tally.check(
        "publication date",
        dct == gold["dct"].as_str().unwrap_or("?"),
        || format!("{name}: publication date {dct:?}, expected {}", gold["dct"]),
    );

    let has_diagnostic = |code: Code, span: (usize, usize)| {
        analysis
            .diagnostics
            .iter()
            .any(|d| d.code == code && overlaps((d.span.start, d.span.end), span))
    };
    for quote in gold["quotes"].as_array().into_iter().flatten() {
        let contains = quote["contains"].as_str().unwrap_or("");
        let Some(&span) = find_all(text, contains).first() else {
            continue;
        };
        let found = analysis
            .quotes
            .iter()
            .find(|q| overlaps((q.span.start, q.span.end), span));
        let speaker = found
            .and_then(|q| q.speaker.as_ref())
            .map(|s| s.name.clone());
        let ok = match (found, quote["speaker"].as_str()) {
            (None, _) => false,
            (Some(_), None) => speaker.is_none() && has_diagnostic(Code::UnattributedQuote, span),
            (Some(_), Some(wanted)) => {
                let mut names = vec![wanted.to_string()];
                names.extend(
                    quote["accept"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|n| n.as_str().map(String::from)),
                );
                speaker
                    .as_deref()
                    .is_some_and(|got| names.iter().any(|n| name_matches(got, n)))
                    && !has_diagnostic(Code::UnattributedQuote, span)
            }
        };
        tally.check("quote", ok, || {
            format!(
                "{name}: quote {contains:?} → {speaker:?}, expected {}",
                quote["speaker"]
            )
        });
    }
    for title in gold["not_quotes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        for span in find_all(text, title) {
            let speech = analysis.quotes.iter().any(|q| {
                q.kind == newsls_engine::QuoteKind::Speech
                    && overlaps((q.span.start, q.span.end), span)
            });
            tally.check("title", !speech, || {
                format!("{name}: title {title:?} treated as speech")
            });
        }
    }
    for date in gold["dates"].as_array().into_iter().flatten() {
        let surface = date["text"].as_str().unwrap_or("");
        let occurrences = date["occurrences"].as_u64().unwrap_or(1) as usize;
        for span in find_all(text, surface).into_iter().take(occurrences) {
            let got = analysis
                .dates
                .iter()
                .find(|d| overlaps((d.span.start, d.span.end), span))
                .map(|d| d.value.to_string());
            tally.check("date", got.as_deref() == date["value"].as_str(), || {
                format!(
                    "{name}: date {surface:?} → {got:?}, expected {}",
                    date["value"]
                )
            });
        }
    }
    for entity in gold["entities"].as_array().into_iter().flatten() {
        let canonical = entity["canonical"].as_str().unwrap_or("");
        let kind = entity["kind"].as_str().unwrap_or("");
        let best = analysis
            .entities
            .iter()
            .filter(|e| name_matches(&e.canonical, canonical) && e.kind.name() == kind)
            .max_by_key(|e| e.mentions.len());
        tally.check("entity", best.is_some(), || {
            format!("{name}: no {kind} entity {canonical:?}")
        });
        let Some(best) = best else { continue };
        let mentions: Vec<&str> = best.mentions.iter().map(|m| m.span.slice(text)).collect();
        for wanted in entity["mentions_include"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let ok = mentions
                .iter()
                .any(|m| *m == wanted || m.ends_with(wanted) || wanted.ends_with(m));
            tally.check("entity", ok, || {
                format!("{name}: {canonical:?} lacks mention {wanted:?} (has {mentions:?})")
            });
        }
        if let Some(defining) = entity["defining"].as_str() {
            let at = best.definition.slice(text);
            tally.check(
                "entity",
                at.contains(defining) || defining.contains(at) && !at.is_empty(),
                || format!("{name}: {canonical:?} defined at {at:?}"),
            );
        }
    }
    for misspelling in gold["misspellings"].as_array().into_iter().flatten() {
        let surface = misspelling["text"].as_str().unwrap_or("");
        let Some(&span) = find_all(text, surface).first() else {
            continue;
        };
        tally.check(
            "misspelling",
            has_diagnostic(Code::EntitySpelling, span),
            || format!("{name}: no entity-spelling on {surface:?}"),
        );
    }
    for line in gold["boilerplate_lines_include"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let Some(&span) = find_all(text, line).first() else {
            continue;
        };
        tally.check(
            "boilerplate",
            has_diagnostic(Code::Boilerplate, span),
            || format!("{name}: {line:?} not flagged"),
        );
    }
    // A promo or ad is boilerplate as a whole: no other finding inside it (its quote marks
    // enclose no one's words, its "today" is no date).
    for promo in gold["boilerplate_only"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let Some(&span) = find_all(text, promo).first() else {
            continue;
        };
        let others: Vec<&str> = analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code != Code::Boilerplate)
            .filter(|diagnostic| overlaps((diagnostic.span.start, diagnostic.span.end), span))
            .map(|diagnostic| diagnostic.code.name())
            .collect();
        tally.check(
            "boilerplate only",
            has_diagnostic(Code::Boilerplate, span) && others.is_empty(),
            || format!("{name}: {promo:?} has findings {others:?}"),
        );
    }
}

#[test]
fn seed_gold_checks_stay_above_their_floors() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(seeds.join("gold.json")).expect("gold.json"))
            .expect("json");
    let mut tally = Tally::default();
    for (name, article) in gold.as_object().expect("object") {
        if name == "about" {
            continue;
        }
        let text = std::fs::read_to_string(seeds.join(name)).expect("seed article");
        let analysis = analyze(&Input::new(&text, &Settings::default()), Options::default());
        check_article(name, article, &text, &analysis, &mut tally);
    }
    let mut report = String::new();
    for (category, total) in &tally.total {
        let passed = tally.passed.get(category).copied().unwrap_or(0);
        report.push_str(&format!("{category}: {passed}/{total}\n"));
    }
    eprintln!("{report}{}", tally.failures.join("\n"));
    for (category, floor) in FLOORS {
        let passed = tally.passed.get(category).copied().unwrap_or(0);
        assert!(
            passed >= *floor,
            "{category}: {passed} gold checks pass, below the floor of {floor}\n{report}"
        );
    }
}
