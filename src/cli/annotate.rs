//! `newsls annotate FILE`: the annotations of one article as JSON, brat or TimeML.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{AnnotateArgs, AnnotateFormat};
use newsls_output::{annotated, annotations, brat, timeml};
use newsls_project::files::{ConfigCache, NotAnalysed, analyse_article};

pub fn run(args: &AnnotateArgs) -> Result<i32> {
    let path = &args.file;
    let article = match analyse_article(path, &ConfigCache::default(), args.dct) {
        Ok(article) => article,
        Err(NotAnalysed::Skipped(reason)) => {
            bail!("{}: {reason}: nothing to annotate", path.display())
        }
        Err(NotAnalysed::Failed(reason)) => bail!("{}: {reason}", path.display()),
    };
    for problem in &article.sidecar_problems {
        eprintln!("warning: {problem} (record not applied)");
    }
    let (text, analysis) = (article.text, article.analysis);

    let display = path.display().to_string();
    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("article");
    match args.format {
        AnnotateFormat::Json => {
            let value = annotations::to_json(&display, &text, &analysis);
            let mut json = serde_json::to_string_pretty(&value)?;
            json.push('\n');
            match &args.out_dir {
                Some(dir) => write(dir, &format!("{stem}.json"), &json)?,
                None => print_out(&json)?,
            }
        }
        AnnotateFormat::Brat => {
            let ann = brat::to_ann(&text, &analysis);
            match &args.out_dir {
                Some(dir) => {
                    write(dir, &format!("{stem}.txt"), &text)?;
                    write(dir, &format!("{stem}.ann"), &ann)?;
                    write(dir, "annotation.conf", brat::ANNOTATION_CONF)?;
                }
                None => print_out(&ann)?,
            }
        }
        AnnotateFormat::Text => {
            let rendered = annotated::render(&text, &analysis);
            match &args.out_dir {
                // Never `STEM.txt`: the folder may be the article's own.
                Some(dir) => write(dir, &format!("{stem}.annotated.txt"), &rendered)?,
                None => print_out(&rendered)?,
            }
        }
        AnnotateFormat::Timeml => {
            let document = timeml::to_timeml(stem, &text, &analysis);
            match &args.out_dir {
                Some(dir) => write(dir, &format!("{stem}.tml"), &document)?,
                None => print_out(&document)?,
            }
        }
    }
    Ok(super::exit::CLEAN)
}

/// Writes to standard output, returning the error (a closed pipe, as in `… | head`, ends
/// the program quietly in `main`) where `print!` would panic.
fn print_out(contents: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(contents.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

fn write(dir: &Path, name: &str, contents: &str) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(name);
    std::fs::write(&path, contents).with_context(|| format!("cannot write {}", path.display()))
}
