//! `newsls check PATHS…`: lint files and folders in parallel and report in one of four formats.
//!
//! Exit status: 0 when nothing at or above `--deny` was found, 1 when something was,
//! 2 on usage, configuration or I/O errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::{CheckArgs, CheckFormat, ColorChoice, DenyLevel, exit};
use newsls_engine::{Diagnostic, Severity};
use newsls_output::report::{self, FileReport, Sarif};
use newsls_project::config::Config;
use newsls_project::files::{
    ConfigCache, NotAnalysed, analyse_article, collect_files, glob_set, sidecar_findings,
};

/// What checking one file produced: its findings, and those of its sidecar when it is malformed.
enum Outcome {
    Checked {
        text: String,
        diagnostics: Vec<Diagnostic>,
        sidecar: Option<(PathBuf, String, Vec<Diagnostic>)>,
    },
    Skipped(String),
    Failed(String),
}

/// Files in the progress bar's threshold: small runs finish before a bar would help.
const PROGRESS_MIN_FILES: usize = 200;

pub fn run(args: &CheckArgs) -> Result<i32> {
    let (globs, globs_from) = if args.include.is_empty() {
        let first = args
            .paths
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        match Config::discover(&std::path::absolute(&first).unwrap_or(first)) {
            Ok(config) => {
                let from = match &config.path {
                    Some(path) => format!("`include` of {}", path.display()),
                    None => "the default globs (no newsls.toml found)".to_string(),
                };
                (config.include, from)
            }
            Err(error) => {
                eprintln!("error: {error}");
                return Ok(exit::ERROR);
            }
        }
    } else {
        (args.include.clone(), "--include".to_string())
    };
    let include = match glob_set(&globs) {
        Ok(set) => set,
        Err(error) => {
            eprintln!("error: {error}");
            return Ok(exit::ERROR);
        }
    };
    let (mut files, walk) = collect_files(&args.paths, &include);
    for warning in &walk.warnings {
        eprintln!("warning: {warning}");
    }
    for error in &walk.errors {
        eprintln!("error: {error}");
    }
    if files.is_empty() && walk.errors.is_empty() {
        eprintln!(
            "warning: no articles found: folders are searched for files matching {} ({globs_from}); \
             name files directly or pass --include GLOB",
            globs
                .iter()
                .map(|glob| format!("`{glob}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some((k, n)) = args.shard {
        files = shard(files, k, n);
    }

    let progress = progress_bar(files.len());
    let configs = ConfigCache::default();
    let outcomes: Vec<(PathBuf, Outcome)> = files
        .into_par_iter()
        .map(|path| {
            let outcome = check_file(&path, &configs, args.dct);
            progress.inc(1);
            (path, outcome)
        })
        .collect();
    progress.finish_and_clear();

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut sarif = Sarif::default();
    let mut counts = [0usize; 4];
    let mut errors = walk.errors.len();
    let mut checked = 0;
    let mut denied = false;
    for (path, outcome) in &outcomes {
        let display = path.display().to_string();
        match outcome {
            Outcome::Skipped(reason) => eprintln!("skipped {display}: {reason}"),
            Outcome::Failed(reason) => {
                errors += 1;
                eprintln!("error: {display}: {reason}");
            }
            Outcome::Checked {
                text,
                diagnostics,
                sidecar,
            } => {
                checked += 1;
                let sidecar_display = sidecar
                    .as_ref()
                    .map(|(path, _, _)| path.display().to_string());
                let reports = std::iter::once(FileReport {
                    path: &display,
                    text,
                    diagnostics,
                })
                .chain(sidecar.as_ref().zip(sidecar_display.as_deref()).map(
                    |((_, source, found), path)| FileReport {
                        path,
                        text: source,
                        diagnostics: found,
                    },
                ));
                for file in reports {
                    for diagnostic in file.diagnostics {
                        counts[diagnostic.severity as usize] += 1;
                        denied |= is_denied(diagnostic.severity, args.deny);
                    }
                    match args.format {
                        CheckFormat::Human => write!(out, "{}", report::human(&file, color))?,
                        CheckFormat::Json => {
                            for finding in report::json_findings(&file) {
                                writeln!(out, "{finding}")?;
                            }
                        }
                        CheckFormat::Github => write!(out, "{}", report::github(&file))?,
                        CheckFormat::Sarif => sarif.add(&file),
                    }
                }
            }
        }
    }
    if args.format == CheckFormat::Sarif {
        writeln!(out, "{}", serde_json::to_string_pretty(&sarif.finish())?)?;
    }
    out.flush()?;
    if args.format == CheckFormat::Human {
        eprintln!(
            "checked {checked} file(s): {} error(s), {} warning(s), {} information, {} hint(s)",
            counts[Severity::Error as usize],
            counts[Severity::Warning as usize],
            counts[Severity::Information as usize],
            counts[Severity::Hint as usize],
        );
    }
    Ok(if errors > 0 {
        exit::ERROR
    } else if denied {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

fn check_file(
    path: &std::path::Path,
    configs: &ConfigCache,
    dct: Option<jiff::civil::Date>,
) -> Outcome {
    match analyse_article(path, configs, dct) {
        Ok(article) => Outcome::Checked {
            sidecar: sidecar_findings(&article.sidecar_problems),
            text: article.text,
            diagnostics: article.analysis.diagnostics,
        },
        Err(NotAnalysed::Skipped(reason)) => Outcome::Skipped(reason),
        Err(NotAnalysed::Failed(reason)) => Outcome::Failed(reason),
    }
}

fn is_denied(severity: Severity, deny: DenyLevel) -> bool {
    let threshold = match deny {
        DenyLevel::Error => Severity::Error,
        DenyLevel::Warning => Severity::Warning,
        DenyLevel::Information => Severity::Information,
        DenyLevel::Hint => Severity::Hint,
        DenyLevel::Never => return false,
    };
    severity <= threshold
}

/// Share `k` of `n` of the sorted file list, as a contiguous run, so that the outputs of
/// shards 1…N concatenated in order equal the output of the whole run.
pub fn shard(files: Vec<PathBuf>, k: usize, n: usize) -> Vec<PathBuf> {
    let len = files.len();
    let start = (k - 1) * len / n;
    let end = k * len / n;
    files.into_iter().skip(start).take(end - start).collect()
}

fn progress_bar(files: usize) -> ProgressBar {
    if files < PROGRESS_MIN_FILES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} checking {pos}/{len} files [{bar:30}] {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_list_in_order() {
        let files: Vec<PathBuf> = (0..10).map(|i| PathBuf::from(format!("{i:02}"))).collect();
        let mut joined = Vec::new();
        for k in 1..=3 {
            joined.extend(shard(files.clone(), k, 3));
        }
        assert_eq!(joined, files);
        assert!(shard(files.clone(), 4, 4).len() >= 2);
    }
}
