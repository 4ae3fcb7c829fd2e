//! Criterion benchmarks of each analysis and of the whole `analyze`, on the seed articles and,
//! when `NEWSLS_BENCH_CORPUS` names a folder of articles (e.g. the unpacked Reuters corpus),
//! on a sample of it. Throughput is reported in bytes, so criterion prints MB/s.

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsls_engine::{Settings, dateline, dates, document, entities, quotes};

/// At most this many bytes of the corpus sample, to keep a run short.
const SAMPLE_BYTES: usize = 2_000_000;

fn read_folder(folder: &Path, limit: usize) -> Vec<String> {
    let mut paths: Vec<_> = walk(folder);
    paths.sort();
    let mut texts = Vec::new();
    let mut total = 0;
    for path in paths {
        if total >= limit {
            break;
        }
        if let Ok(text) = std::fs::read_to_string(&path) {
            total += text.len();
            texts.push(text);
        }
    }
    texts
}

fn walk(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else if path.extension().is_some_and(|ext| ext == "txt") {
                out.push(path);
            }
        }
    }
    out
}

fn corpora() -> Vec<(&'static str, Vec<String>)> {
    let seeds = read_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"),
        usize::MAX,
    );
    let mut out = vec![("seeds", seeds)];
    if let Some(folder) = std::env::var_os("NEWSLS_BENCH_CORPUS") {
        out.push(("corpus", read_folder(Path::new(&folder), SAMPLE_BYTES)));
    }
    out
}

fn bench(c: &mut Criterion) {
    let settings = Settings::default();
    for (name, texts) in corpora() {
        let bytes: usize = texts.iter().map(String::len).sum();
        let prepared: Vec<_> = texts
            .iter()
            .map(|text| {
                let document = document::parse(text);
                let (dct, _) = dateline::detect(text, &document, &settings);
                let (found_entities, _) = entities::find(text, &document, &settings);
                (text.as_str(), document, dct, found_entities)
            })
            .collect();

        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.measurement_time(Duration::from_secs(5));
        group.sample_size(10);
        group.bench_function("document", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|text| document::parse(text).sentences.len())
                    .sum::<usize>()
            })
        });
        group.bench_function("dates", |b| {
            b.iter(|| {
                prepared
                    .iter()
                    .map(|(text, document, dct, _)| {
                        dates::find(text, document, dct.as_ref()).0.len()
                    })
                    .sum::<usize>()
            })
        });
        group.bench_function("entities", |b| {
            b.iter(|| {
                prepared
                    .iter()
                    .map(|(text, document, _, _)| entities::find(text, document, &settings).0.len())
                    .sum::<usize>()
            })
        });
        group.bench_function("quotes", |b| {
            b.iter(|| {
                prepared
                    .iter()
                    .map(|(text, document, _, found)| quotes::find(text, document, found).0.len())
                    .sum::<usize>()
            })
        });
        group.bench_function("analyze", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|text| {
                        newsls_engine::analyze(
                            &newsls_engine::Input::new(text, &settings),
                            newsls_engine::Options::default(),
                        )
                        .diagnostics
                        .len()
                    })
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
