//! The command line: `newsls check`, `newsls annotate`, `newsls lsp`.
//!
//! Flags are defined once, as clap derive data, so `--help` comes from the same definitions.
//! This layer reads files and prints; the analysis itself is `newsls_engine::analyze`.

pub mod agree;
pub mod annotate;
pub mod check;
mod corpus;
pub mod session;
pub mod timeline;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "newsls",
    version,
    about = "Language server and linter for news articles: unattributed quotes, ambiguous dates, entities and timelines",
    after_help = "Run `newsls check seeds/` to lint a folder, `newsls annotate FILE` for the annotations as JSON, `newsls lsp` for editors."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint articles and folders (respecting .gitignore) and report findings.
    Check(CheckArgs),
    /// Print the annotations of one article (dates, entities, quotes, timeline).
    Annotate(AnnotateArgs),
    /// Run the language server on stdin/stdout.
    #[command(version)]
    Lsp(LspArgs),
    /// Progress of an annotation session: decisions, open findings, per article and in total.
    Stats(StatsArgs),
    /// Write the merged automatic and manual annotations of a corpus.
    Export(ExportArgs),
    /// Compare two annotators' standoff layers over the same articles (F1 and Cohen's kappa).
    Agree(AgreeArgs),
    /// The dated events of a corpus in chronological order, as text, JSON or an HTML page.
    Timeline(TimelineArgs),
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Files and folders of the corpus.
    #[arg(required = true, value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
    pub format: TimelineFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Publication date for every article (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub dct: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// One line per event: value, place, sentence, entities.
    Text,
    /// A JSON document: `{"events": [...]}` (docs/annotations.md).
    Json,
    /// One self-contained HTML page: the events on a date axis, a row per article.
    Html,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Files and folders of the corpus.
    #[arg(required = true, value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Publication date for every article (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub dct: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// An aligned text table.
    Table,
    /// A JSON document.
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Files and folders of the corpus.
    #[arg(required = true, value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Where to write (required for brat and TimeML; JSONL goes to stdout without it).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Publication date for every article (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub dct: Option<jiff::civil::Date>,
    /// Which mentions of each entity to write: `names` keeps only the names, none inside
    /// another, as a named-entity data set marks them (CoNLL, spaCy's `doc.ents`).
    #[arg(long, value_enum, default_value_t = MentionLayer::All)]
    pub mentions: MentionLayer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A brat collection: `.txt` + `.ann` per article and one annotation.conf.
    Brat,
    /// One annotation JSON document (docs/annotations.md) per line.
    Jsonl,
    /// One TimeML file per article.
    Timeml,
}

#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// The first annotator's corpus folder or sidecar folder (`.newsls/annotations`).
    #[arg(value_name = "DIR_A")]
    pub dir_a: PathBuf,
    /// The second annotator's.
    #[arg(value_name = "DIR_B")]
    pub dir_b: PathBuf,
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check.
    #[arg(required = true, value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Publication date for every article (YYYY-MM-DD), overriding what the text and newsls.toml say.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub dct: Option<jiff::civil::Date>,
    /// Exit with status 1 when a finding at or above this level is reported.
    #[arg(long, value_enum, default_value_t = DenyLevel::Warning)]
    pub deny: DenyLevel,
    /// File globs to check inside folders (repeatable); default: newsls.toml's `include`, else *.txt and *.md.
    #[arg(long = "include", value_name = "GLOB")]
    pub include: Vec<String>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Check only share K of N (1-based), for splitting a corpus over N CI jobs.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Compiler-style text with the source line and the span underlined.
    Human,
    /// One JSON object per finding, one per line.
    Json,
    /// A SARIF 2.1.0 log, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyLevel {
    Error,
    Warning,
    Information,
    Hint,
    /// Never fail because of findings.
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// The article to annotate.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Publication date (YYYY-MM-DD), overriding what the text and newsls.toml say.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub dct: Option<jiff::civil::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnnotateFormat::Json)]
    pub format: AnnotateFormat,
    /// Write into this folder instead of printing: `STEM.json`, `STEM.annotated.txt`, `STEM.tml`,
    /// or for brat `STEM.ann` with a copy of the text and annotation.conf.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Which mentions of each entity to write: `names` keeps only the names, none inside
    /// another, as a named-entity data set marks them (CoNLL, spaCy's `doc.ents`).
    #[arg(long, value_enum, default_value_t = MentionLayer::All)]
    pub mentions: MentionLayer,
}

/// Which mentions of an entity `annotate` and `export` write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MentionLayer {
    /// Every mention: names (one inside a longer name too), the phrase around a name, common
    /// nouns and pronouns, each with its `kind`.
    All,
    /// Only names, none inside another name: the layer of a named-entity data set.
    Names,
}

impl MentionLayer {
    pub fn apply(self, mut analysis: newsls_engine::Analysis) -> newsls_engine::Analysis {
        if self == MentionLayer::Names {
            analysis.entities = newsls_engine::names_only(&analysis.entities);
        }
        analysis
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnnotateFormat {
    /// The annotation JSON documented in docs/annotations.md.
    Json,
    /// brat standoff: the `.ann` file (with --out-dir: `.ann`, a copy of the text and annotation.conf).
    Brat,
    /// The text with inline TIMEX3 tags and the publication date.
    Timeml,
    /// The article with what newsls found drawn under each line, for reading in a terminal.
    Text,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over stdin/stdout (the default and only transport; accepted for editor configs that pass it).
    #[arg(long)]
    pub stdio: bool,
}

fn parse_date(value: &str) -> Result<jiff::civil::Date, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("{value:?} is not a date: write it as YYYY-MM-DD"))
}

fn parse_shard(value: &str) -> Result<(usize, usize), String> {
    let error = || format!("{value:?} is not a shard: write it as K/N with 1 <= K <= N, e.g. 2/8");
    let (k, n) = value.split_once('/').ok_or_else(error)?;
    let k: usize = k.trim().parse().map_err(|_| error())?;
    let n: usize = n.trim().parse().map_err(|_| error())?;
    if k == 0 || n == 0 || k > n {
        return Err(error());
    }
    Ok((k, n))
}

/// Exit codes shared by the subcommands.
pub mod exit {
    /// Nothing at or above the deny level.
    pub const CLEAN: i32 = 0;
    /// Findings at or above the deny level.
    pub const FINDINGS: i32 = 1;
    /// Usage, configuration or I/O errors.
    pub const ERROR: i32 = 2;
}
