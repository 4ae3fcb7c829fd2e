//! Annotation sessions over a corpus: `newsls stats` (progress) and `newsls export` (merged
//! automatic and manual annotations for brat, INCEpTION, TimeML tools or training pipelines).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use super::corpus::analyse_all;
use super::{ExportArgs, ExportFormat, StatsArgs, TableFormat, exit};
use newsls_output::{annotations, brat, timeml};
use newsls_project::session::SessionStats;

pub fn stats(args: &StatsArgs) -> Result<i32> {
    let (articles, failed) = analyse_all(&args.paths, args.dct)?;
    let rows: Vec<(String, SessionStats)> = articles
        .iter()
        .map(|(path, article)| {
            (
                path.display().to_string(),
                SessionStats::of(&article.analysis),
            )
        })
        .collect();
    let mut total = SessionStats::default();
    for (_, row) in &rows {
        total.add(row);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        TableFormat::Json => {
            let articles: Vec<Value> = rows
                .iter()
                .map(|(path, row)| {
                    let mut value = row.to_json();
                    value["path"] = path.clone().into();
                    value
                })
                .collect();
            let document = json!({"articles": articles, "total": total.to_json(), "article_count": rows.len()});
            writeln!(out, "{}", serde_json::to_string_pretty(&document)?)?;
        }
        TableFormat::Table => {
            let width = rows
                .iter()
                .map(|(path, _)| path.chars().count())
                .max()
                .unwrap_or(5)
                .max(5);
            // Two header rows: the group, then the column within it.
            writeln!(
                out,
                "{:width$}  {:-^28}  {:-^12}  {:>8}  {:-^14}",
                "", " quotes ", " dates ", "", " decisions "
            )?;
            writeln!(
                out,
                "{:width$}  {:>6} {:>6} {:>6} {:>7}  {:>5} {:>6}  {:>8}  {:>9} {:>4}  {:>8}",
                "article",
                "total",
                "auto",
                "manual",
                "no-spkr",
                "total",
                "manual",
                "entities",
                "total",
                "lost",
                "findings"
            )?;
            for (path, row) in rows
                .iter()
                .chain(std::iter::once(&("total".to_string(), total)))
            {
                writeln!(
                    out,
                    "{path:width$}  {:>6} {:>6} {:>6} {:>7}  {:>5} {:>6}  {:>8}  {:>9} {:>4}  {:>8}",
                    row.quotes,
                    row.quotes_automatic,
                    row.quotes_manual,
                    row.quotes_open,
                    row.dates,
                    row.dates_manual,
                    row.entities,
                    row.decisions,
                    row.lost,
                    row.open_findings
                )?;
            }
            writeln!(
                out,
                "\nquotes: auto = speaker found by newsls, manual = speaker set by an annotator, \
                 no-spkr = no speaker yet (an open unattributed-quote finding); quoted titles are not counted.\n\
                 dates: manual = value set by an annotator. decisions: lost = the text they were anchored to is gone.\n\
                 findings: open warnings and errors."
            )?;
        }
    }
    Ok(if failed { exit::ERROR } else { exit::CLEAN })
}

/// The path of an article below the folder it was found in, for mirroring it in the export.
fn relative_name(path: &Path, roots: &[PathBuf]) -> PathBuf {
    roots
        .iter()
        .filter(|root| root.is_dir())
        .find_map(|root| path.strip_prefix(root).ok())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(path.file_name().unwrap_or_default()))
}

pub fn export(args: &ExportArgs) -> Result<i32> {
    let (articles, failed) = analyse_all(&args.paths, args.dct)?;
    let articles: Vec<_> = articles
        .into_iter()
        .map(|(path, mut article)| {
            article.analysis = args.mentions.apply(article.analysis);
            (path, article)
        })
        .collect();
    match args.format {
        ExportFormat::Jsonl => {
            let mut out: Box<dyn Write> = match &args.out_dir {
                Some(dir) => {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("cannot create {}", dir.display()))?;
                    let path = dir.join("annotations.jsonl");
                    Box::new(std::io::BufWriter::new(
                        std::fs::File::create(&path)
                            .with_context(|| format!("cannot write {}", path.display()))?,
                    ))
                }
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            for (path, article) in &articles {
                let value = annotations::to_json(
                    &path.display().to_string(),
                    &article.text,
                    &article.analysis,
                );
                writeln!(out, "{value}")?;
            }
            out.flush()?;
        }
        ExportFormat::Brat | ExportFormat::Timeml => {
            let Some(dir) = &args.out_dir else {
                bail!("--format brat and timeml write one file per article: give --out-dir DIR");
            };
            for (path, article) in &articles {
                let relative = relative_name(path, &args.paths);
                let target = dir.join(&relative);
                let folder = target.parent().unwrap_or(dir);
                std::fs::create_dir_all(folder)
                    .with_context(|| format!("cannot create {}", folder.display()))?;
                let stem = target
                    .file_stem()
                    .and_then(|stem| stem.to_str())
                    .unwrap_or("article")
                    .to_string();
                if args.format == ExportFormat::Brat {
                    write_file(&folder.join(format!("{stem}.txt")), &article.text)?;
                    write_file(
                        &folder.join(format!("{stem}.ann")),
                        &brat::to_ann(&article.text, &article.analysis),
                    )?;
                } else {
                    write_file(
                        &folder.join(format!("{stem}.tml")),
                        &timeml::to_timeml(&stem, &article.text, &article.analysis),
                    )?;
                }
            }
            if args.format == ExportFormat::Brat {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                write_file(&dir.join("annotation.conf"), brat::ANNOTATION_CONF)?;
            }
            eprintln!(
                "exported {} article(s) to {}",
                articles.len(),
                dir.display()
            );
        }
    }
    Ok(if failed { exit::ERROR } else { exit::CLEAN })
}

fn write_file(path: &Path, contents: &str) -> Result<()> {
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}
