//! `newsls timeline PATHS`: the dated events of every article under PATHS, in chronological
//! order, as text, JSON or a self-contained HTML page (`output::timeline` renders them).

use std::io::Write;

use anyhow::{Context, Result};

use super::corpus::analyse_all;
use super::{TimelineArgs, TimelineFormat, exit};
use newsls_output::timeline::{self, CorpusEvent};

pub fn run(args: &TimelineArgs) -> Result<i32> {
    let (articles, failed) = analyse_all(&args.paths, args.dct)?;
    let mut events: Vec<CorpusEvent> = articles
        .iter()
        .flat_map(|(path, article)| {
            timeline::article_events(
                &path.display().to_string(),
                &article.text,
                &article.analysis,
            )
        })
        .collect();
    timeline::sort_chronologically(&mut events);
    let rendered = match args.format {
        TimelineFormat::Text => timeline::to_text(&events),
        TimelineFormat::Json => {
            let mut json = serde_json::to_string_pretty(&timeline::to_json(&events))?;
            json.push('\n');
            json
        }
        TimelineFormat::Html => {
            let title = match args.paths.as_slice() {
                [only] => only.display().to_string(),
                paths => format!("{} paths", paths.len()),
            };
            timeline::to_html(&events, &title)
        }
    };
    match &args.output {
        Some(path) => std::fs::write(path, rendered)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(rendered.as_bytes())?;
            stdout.flush()?;
        }
    }
    if articles.is_empty() && !failed {
        eprintln!("no articles found under the given paths (looked for *.txt and *.md)");
    }
    Ok(if failed { exit::ERROR } else { exit::CLEAN })
}
