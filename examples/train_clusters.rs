//! Learns word clusters from unlabelled news for the entity tagger and writes the word → cluster
//! table `crates/engine/src/entities/lexicon/clusters.txt`.
//!
//! `cargo run --release --example train_clusters -- PATH... [--out FILE]`
//!
//! Each PATH is a folder of `.txt` articles (searched recursively, e.g. the unpacked Reuters-21578
//! and BBC corpora) or a JSONL corpus whose documents have a `"text"` field (the quote and NER
//! development corpora). Documents whose id contains `testa` or `test-` are skipped: held-out
//! text is never learned from, not even without its labels.
//!
//! How: the words are the tagger's own tokens, case kept. Every word seen at least `MIN_COUNT`
//! times gets a context vector: the counts of the most frequent words one and two places to its
//! left and right, weighted by positive pointwise mutual information (a sparse unit vector).
//! The vectors are clustered by spherical k-means into `LEVELS[last]` fine clusters,
//! whose centroids are clustered again into the coarser levels, so that every word has a path
//! from a coarse to a fine cluster, like the bit-string prefixes of Brown clusters.
//!
//! The run is deterministic (fixed seeds, sequential sums in a fixed order): the same corpora
//! give the same file byte for byte. Only the table is written, never the text.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use newsls_engine::Span;
use newsls_engine::entities::tokens::tokenize;

/// Words seen fewer times than this get no cluster.
const MIN_COUNT: u32 = 4;
/// Context words: the most frequent words, on each side.
const CONTEXTS: usize = 2000;
/// Clusters at each level, coarse to fine.
const LEVELS: [usize; 3] = [32, 256, 1024];
/// Passes of k-means at the finest level.
const ITERATIONS: usize = 16;
/// At most this many words are clustered (the most frequent).
const MAX_WORDS: usize = 120_000;

fn texts_of(path: &Path, out: &mut Vec<String>) -> Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .collect();
        entries.sort();
        for entry in entries {
            if entry.is_dir() || entry.extension().is_some_and(|ext| ext == "txt") {
                texts_of(&entry, out)?;
            }
        }
        return Ok(());
    }
    let source = std::fs::read_to_string(path).with_context(|| format!("reading {path:?}"))?;
    if path.extension().is_some_and(|ext| ext == "jsonl") {
        for line in source.lines().filter(|line| !line.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line)?;
            let id = value["id"].as_str().unwrap_or("");
            if id.contains("testa") || id.contains("test-") {
                continue;
            }
            if let Some(text) = value["text"].as_str() {
                out.push(text.to_string());
            }
        }
    } else {
        out.push(source);
    }
    Ok(())
}

fn normalise(vector: &mut [f32]) {
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in vector.iter_mut() {
            *x /= norm;
        }
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight partial sums in a fixed order: vectorised, and the same result on every run.
    let mut sums = [0f32; 8];
    let chunks = a.len() / 8 * 8;
    for (x, y) in a[..chunks].chunks_exact(8).zip(b[..chunks].chunks_exact(8)) {
        for lane in 0..8 {
            sums[lane] += x[lane] * y[lane];
        }
    }
    let mut total = sums.iter().sum::<f32>();
    for index in chunks..a.len() {
        total += a[index] * b[index];
    }
    total
}

/// Spherical k-means of `points` (unit rows of `dimensions`), weighted, from the `k` first
/// distinct-enough points as seeds (points are given most frequent first). Returns each point's
/// cluster and the centroids.
fn kmeans(
    points: &[f32],
    weights: &[f32],
    dimensions: usize,
    k: usize,
    iterations: usize,
) -> (Vec<usize>, Vec<f32>) {
    let count = points.len() / dimensions;
    let k = k.min(count);
    // Seeds: spread through the frequency ranking, so that frequent words do not take them all.
    let mut centroids = Vec::with_capacity(k * dimensions);
    for seed in 0..k {
        let index = seed * count / k;
        centroids.extend_from_slice(&points[index * dimensions..(index + 1) * dimensions]);
    }
    let mut assignment = vec![0usize; count];
    for iteration in 0..iterations {
        let mut moved = 0;
        for (point, slot) in assignment.iter_mut().enumerate() {
            let row = &points[point * dimensions..(point + 1) * dimensions];
            let mut best = (f32::MIN, 0);
            for cluster in 0..k {
                let score = dot(
                    row,
                    &centroids[cluster * dimensions..(cluster + 1) * dimensions],
                );
                if score > best.0 {
                    best = (score, cluster);
                }
            }
            if *slot != best.1 || iteration == 0 {
                moved += 1;
            }
            *slot = best.1;
        }
        let mut sums = vec![0f32; k * dimensions];
        let mut sizes = vec![0f32; k];
        for (point, &cluster) in assignment.iter().enumerate() {
            let weight = weights[point];
            sizes[cluster] += weight;
            let row = &points[point * dimensions..(point + 1) * dimensions];
            for (sum, x) in sums[cluster * dimensions..(cluster + 1) * dimensions]
                .iter_mut()
                .zip(row)
            {
                *sum += weight * x;
            }
        }
        for cluster in 0..k {
            if sizes[cluster] > 0.0 {
                let centroid = &mut sums[cluster * dimensions..(cluster + 1) * dimensions];
                normalise(centroid);
                centroids[cluster * dimensions..(cluster + 1) * dimensions]
                    .copy_from_slice(centroid);
            }
        }
        eprintln!("  k={k} pass {}: {moved} moved", iteration + 1);
        if moved == 0 {
            break;
        }
    }
    (assignment, centroids)
}

/// Spherical k-means of sparse unit vectors over `columns` dimensions, weighted, seeded with
/// points spread through the frequency ranking (points come most frequent first). The
/// centroids are kept transposed (column-major), so that scoring a point against every
/// centroid reads one contiguous row per non-zero entry. Returns each point's cluster and the
/// centroids (row-major, unit length).
fn sparse_kmeans(
    points: &[Vec<(u32, f32)>],
    weights: &[f32],
    columns: usize,
    k: usize,
    iterations: usize,
) -> (Vec<usize>, Vec<f32>) {
    let count = points.len();
    let k = k.min(count);
    let mut transposed = vec![0f32; columns * k];
    for seed in 0..k {
        for &(column, value) in &points[seed * count / k] {
            transposed[column as usize * k + seed] = value;
        }
    }
    let mut assignment = vec![usize::MAX; count];
    let mut scores = vec![0f32; k];
    let mut centroids = vec![0f32; k * columns];
    for iteration in 0..iterations {
        let mut moved = 0;
        for (point, slot) in assignment.iter_mut().enumerate() {
            scores.fill(0.0);
            for &(column, value) in &points[point] {
                let row = &transposed[column as usize * k..(column as usize + 1) * k];
                for (score, c) in scores.iter_mut().zip(row) {
                    *score += value * c;
                }
            }
            let mut best = (f32::MIN, 0);
            for (cluster, &score) in scores.iter().enumerate() {
                if score > best.0 {
                    best = (score, cluster);
                }
            }
            if *slot != best.1 {
                moved += 1;
            }
            *slot = best.1;
        }
        centroids.fill(0.0);
        for (point, &cluster) in assignment.iter().enumerate() {
            for &(column, value) in &points[point] {
                centroids[cluster * columns + column as usize] += weights[point] * value;
            }
        }
        for centroid in centroids.chunks_exact_mut(columns) {
            normalise(centroid);
        }
        for (cluster, centroid) in centroids.chunks_exact(columns).enumerate() {
            for (column, &value) in centroid.iter().enumerate() {
                transposed[column * k + cluster] = value;
            }
        }
        eprintln!("  k={k} pass {}: {moved} moved", iteration + 1);
        if moved == 0 {
            break;
        }
    }
    (assignment, centroids)
}

fn main() -> Result<()> {
    let mut paths = Vec::new();
    let mut output = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/engine/src/entities/lexicon/clusters.txt");
    let mut arguments = std::env::args().skip(1);
    while let Some(argument) = arguments.next() {
        if argument == "--out" {
            output = PathBuf::from(arguments.next().context("--out FILE")?);
        } else {
            paths.push(PathBuf::from(argument));
        }
    }
    if paths.is_empty() {
        bail!(
            "usage: cargo run --release --example train_clusters -- PATH... [--out FILE]\n\
             PATH: a folder of .txt articles or a JSONL corpus with \"text\" fields"
        );
    }
    let mut texts = Vec::new();
    for path in &paths {
        texts_of(path, &mut texts)?;
    }
    // Words as the tagger reads them; each document a sequence, its segments ignored.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut documents: Vec<Vec<u32>> = Vec::with_capacity(texts.len());
    let mut tokens = Vec::new();
    let mut bytes = 0usize;
    for text in &texts {
        bytes += text.len();
        tokens.clear();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        let mut sequence = Vec::with_capacity(tokens.len());
        for token in &tokens {
            let word = token.text(text);
            let id = *ids.entry(word.to_string()).or_insert_with(|| {
                words.push(word.to_string());
                counts.push(0);
                (words.len() - 1) as u32
            });
            counts[id as usize] += 1;
            sequence.push(id);
        }
        documents.push(sequence);
    }
    eprintln!(
        "{} documents, {bytes} bytes, {} tokens, {} distinct words",
        texts.len(),
        counts.iter().map(|&c| c as u64).sum::<u64>(),
        words.len()
    );
    // Words ranked by count, then spelling (a total order, so the ranking is reproducible).
    let mut ranked: Vec<u32> = (0..words.len() as u32).collect();
    ranked.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| words[a as usize].cmp(&words[b as usize]))
    });
    let mut rank = vec![u32::MAX; words.len()];
    for (position, &id) in ranked.iter().enumerate() {
        rank[id as usize] = position as u32;
    }
    let clustered: Vec<u32> = ranked
        .iter()
        .copied()
        .filter(|&id| counts[id as usize] >= MIN_COUNT)
        .take(MAX_WORDS)
        .collect();
    let mut row_of = vec![u32::MAX; words.len()];
    for (row, &id) in clustered.iter().enumerate() {
        row_of[id as usize] = row as u32;
    }
    // Context counts: (row, slot) where slot = offset block * CONTEXTS + context rank.
    let offsets: [isize; 4] = [-2, -1, 1, 2];
    let columns = offsets.len() * CONTEXTS;
    let mut cooccurrence: Vec<HashMap<u32, f32>> = vec![HashMap::new(); clustered.len()];
    let mut column_totals = vec![0f64; columns];
    for sequence in &documents {
        for (position, &id) in sequence.iter().enumerate() {
            let row = row_of[id as usize];
            if row == u32::MAX {
                continue;
            }
            for (block, &offset) in offsets.iter().enumerate() {
                let at = position as isize + offset;
                if at < 0 || at >= sequence.len() as isize {
                    continue;
                }
                let context_rank = rank[sequence[at as usize] as usize] as usize;
                if context_rank >= CONTEXTS {
                    continue;
                }
                let column = (block * CONTEXTS + context_rank) as u32;
                *cooccurrence[row as usize].entry(column).or_insert(0.0) += 1.0;
                column_totals[column as usize] += 1.0;
            }
        }
    }
    let total: f64 = column_totals.iter().sum();
    // Sparse unit vectors of positive PMI, the context distribution smoothed (power 0.75).
    let smoothed_total: f64 = column_totals.iter().map(|c| c.powf(0.75)).sum();
    let mut vectors: Vec<Vec<(u32, f32)>> = Vec::with_capacity(clustered.len());
    for contexts in &cooccurrence {
        let row_total: f64 = contexts.values().map(|&c| c as f64).sum();
        let mut entries: Vec<(u32, f32)> = contexts
            .iter()
            .filter_map(|(&column, &count)| {
                let context = column_totals[column as usize].powf(0.75) / smoothed_total;
                let pmi = ((count as f64 / row_total) / context).ln();
                (pmi > 0.0).then_some((column, pmi as f32))
            })
            .collect();
        entries.sort_by_key(|(column, _)| *column);
        let norm = entries.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for entry in entries.iter_mut() {
                entry.1 /= norm;
            }
        }
        vectors.push(entries);
    }
    let _ = total;
    drop(cooccurrence);
    let weights: Vec<f32> = clustered
        .iter()
        .map(|&id| (counts[id as usize] as f32).ln_1p())
        .collect();
    let finest = LEVELS[LEVELS.len() - 1];
    let (fine, centroids) = sparse_kmeans(&vectors, &weights, columns, finest, ITERATIONS);
    // Coarser levels cluster the centroids of the level below, weighted by their words.
    let mut paths: Vec<Vec<usize>> = fine.iter().map(|&cluster| vec![cluster]).collect();
    let mut level_of_point = fine.clone();
    let mut centroids = centroids;
    for &k in LEVELS.iter().rev().skip(1) {
        let below = centroids.len() / columns;
        let mut sizes = vec![0f32; below];
        for (point, &cluster) in level_of_point.iter().enumerate() {
            sizes[cluster] += weights[point];
        }
        let (parent, coarse) = kmeans(&centroids, &sizes, columns, k, 30);
        for (point, path) in paths.iter_mut().enumerate() {
            let cluster = parent[level_of_point[point]];
            path.insert(0, cluster);
            level_of_point[point] = cluster;
        }
        centroids = coarse;
    }
    let mut lines: Vec<(usize, String)> = clustered
        .iter()
        .zip(&paths)
        .map(|(&id, path)| {
            let path: Vec<String> = path.iter().map(usize::to_string).collect();
            (id as usize, path.join(" "))
        })
        .collect();
    lines.sort_by(|a, b| words[a.0].cmp(&words[b.0]));
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(&output).with_context(|| format!("writing {output:?}"))?,
    );
    writeln!(
        out,
        "# Word clusters learned by examples/train_clusters.rs (see docs/entities.md): word, then\n\
         # its cluster at {} levels, coarse to fine ({}). Words seen fewer than {MIN_COUNT} times\n\
         # have none. Generated: do not edit by hand.",
        LEVELS.len(),
        LEVELS.map(|k| k.to_string()).join(", ")
    )?;
    for (id, path) in &lines {
        writeln!(out, "{}\t{path}", words[*id])?;
    }
    out.flush()?;
    eprintln!("wrote {} words to {}", lines.len(), output.display());
    Ok(())
}
