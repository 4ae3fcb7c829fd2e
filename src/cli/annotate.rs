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
    let (text, analysis) = (article.text, args.mentions.apply(article.analysis));

    let display = path.display().to_string();
    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("article");
    match args.format {
        AnnotateFormat::Json => {
            // Written as it is serialised: a long article's JSON is never held whole.
            let document = annotations::Annotations::new(&display, &text, &analysis);
            match &args.out_dir {
                Some(dir) => {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("cannot create {}", dir.display()))?;
                    let path = dir.join(format!("{stem}.json"));
                    let file = std::fs::File::create(&path)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    write_json(std::io::BufWriter::new(file), &document)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                }
                None => write_json(std::io::BufWriter::new(std::io::stdout().lock()), &document)?,
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
/// Pretty JSON and a final line break; an I/O error stays an `io::Error` (a closed pipe is
/// recognised as one).
fn write_json(mut out: impl Write, document: &annotations::Annotations) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, document).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

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
