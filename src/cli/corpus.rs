//! Analysing every article of a corpus on all cores, for the subcommands that need them all
//! at once (`stats`, `export`, `timeline`); problems go to stderr as they are met.

use std::path::PathBuf;

use anyhow::Result;
use newsls_project::config::DEFAULT_INCLUDE;
use newsls_project::files::{
    AnalysedArticle, ConfigCache, NotAnalysed, analyse_article, collect_files, glob_set,
};
use rayon::prelude::*;

/// Every article under `paths`, analysed with its layer, in path order. Errors go to stderr.
pub fn analyse_all(
    paths: &[PathBuf],
    dct: Option<jiff::civil::Date>,
) -> Result<(Vec<(PathBuf, AnalysedArticle)>, bool)> {
    let include = DEFAULT_INCLUDE
        .iter()
        .map(|glob| glob.to_string())
        .collect::<Vec<_>>();
    let include = glob_set(&include).map_err(anyhow::Error::msg)?;
    let (files, walk) = collect_files(paths, &include);
    for warning in &walk.warnings {
        eprintln!("warning: {warning}");
    }
    for error in &walk.errors {
        eprintln!("error: {error}");
    }
    let configs = ConfigCache::default();
    let results: Vec<(PathBuf, Result<AnalysedArticle, NotAnalysed>)> = files
        .into_par_iter()
        .map(|path| {
            let result = analyse_article(&path, &configs, dct);
            (path, result)
        })
        .collect();
    let mut failed = !walk.errors.is_empty();
    let mut articles = Vec::new();
    for (path, result) in results {
        match result {
            Ok(article) => {
                for problem in &article.sidecar_problems {
                    eprintln!("warning: {problem} (record not applied)");
                }
                articles.push((path, article));
            }
            Err(NotAnalysed::Skipped(reason)) => eprintln!("skipped {}: {reason}", path.display()),
            Err(NotAnalysed::Failed(reason)) => {
                failed = true;
                eprintln!("error: {}: {reason}", path.display());
            }
        }
    }
    Ok((articles, failed))
}
