//! The diagnostic rules: stable kebab-case codes, default severities and their documentation.
//!
//! Every finding the engine reports names one of these rules. The table is the single source
//! for the CLI's SARIF rule list, the LSP's `codeDescription` links and `docs/rules.md`
//! (a test checks that the generated page is up to date).

use std::fmt;

/// How serious a finding is, in LSP order (most severe first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    /// Parses the names used in `newsls.toml` and on the command line.
    pub fn parse(name: &str) -> Option<Severity> {
        match name.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "information" | "info" => Some(Severity::Information),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Documentation of one rule, in the fixed sections of `docs/rules.md`.
pub struct RuleDoc {
    pub code: Code,
    pub name: &'static str,
    pub default_severity: Severity,
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// Why it matters to an annotator or editor.
    pub why: &'static str,
    /// A short example of text it flags.
    pub example: &'static str,
    /// What it deliberately does not flag, and why.
    pub not_flagged: &'static str,
}

macro_rules! rules {
    ($( $variant:ident => $name:literal, $severity:ident, $summary:literal, $why:literal, $example:literal, $not_flagged:literal; )*) => {
        /// A rule's stable identity. Its kebab-case name never changes once released.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( $variant, )* }

        /// Every rule, in documentation order.
        pub const RULES: &[RuleDoc] = &[ $( RuleDoc {
            code: Code::$variant,
            name: $name,
            default_severity: Severity::$severity,
            summary: $summary,
            why: $why,
            example: $example,
            not_flagged: $not_flagged,
        }, )* ];
    };
}

rules! {
    InvalidUtf8 => "invalid-utf8", Warning,
        "The file is not valid UTF-8; it was decoded with replacement characters.",
        "Offsets and quotes near the bad bytes may be wrong, and corpus tools that expect UTF-8 will reject the file.",
        "A file saved as Latin-1: `caf\\xe9`",
        "Valid UTF-8 in any script, with or without a byte-order mark or Windows line endings.";
    MissingPublicationDate => "missing-publication-date", Warning,
        "No publication date was found, so relative dates cannot be resolved.",
        "\"On Tuesday\" or \"last month\" only mean something against the date the article was published. Add a `date: YYYY-MM-DD` header, pass `--dct`, or set `publication_date` in newsls.toml.",
        "An article with no dateline, no `date:` header and no \"Published …\" line",
        "An article whose date is given on the command line (`--dct`) or in newsls.toml (`publication_date`): the date is known even if the text does not say it.";
    PartialPublicationDate => "partial-publication-date", Information,
        "The publication date was found without its year (a wire dateline such as \"SALVADOR, Feb 26 -\").",
        "Weekdays and month names cannot be resolved without the year; give the full date with `--dct` or a `date:` header.",
        "SALVADOR, Feb 26 - Brazil's coffee exports…",
        "A dateline whose year is given on the command line or in newsls.toml.";
    Boilerplate => "boilerplate", Hint,
        "A line of web-page furniture scraped with the article (ads, share buttons, cookie notices, paywall prompts).",
        "Boilerplate is not part of the article: it should be removed from a corpus, and newsls does not analyse it for dates or entities.",
        "Advertisement",
        "Sentences of the article that name a platform or ask the reader something in passing. A promotion or ad block is flagged as a whole, once; no other rule reports anything inside boilerplate (no quote, date or spelling finding).";
    AnalysisLimit => "analysis-limit", Information,
        "The file is larger than the analysis limit; only its beginning was analysed.",
        "Giant files (data dumps, concatenated corpora) would make the editor and CI slow; newsls analyses the first part and says where it stopped. Raise `analysis-limit-mb` in newsls.toml to analyse more.",
        "A 100 MB file of concatenated articles",
        "Files under the limit. The analysed part ends at a sentence end (or a space), never inside a word or at the header's line break, so no finding comes from a cut sentence.";
    AmbiguousDate => "ambiguous-date", Warning,
        "A date whose calendar value cannot be decided with confidence.",
        "A reader (or a model trained on the corpus) may take `03/04/2021` as 3 April or 4 March; a weekday that contradicts the date beside it is an error in the text.",
        "The summit on 03/04/2021",
        "Dates written out (\"4 March 2021\"), numeric dates that only one reading makes valid (`25/03/2021`), and relative dates newsls resolved (those are `relative-date`).";
    RelativeDate => "relative-date", Information,
        "A relative or underspecified date, with the calendar date newsls resolved it to.",
        "\"On Tuesday\" is only clear on the day of publication; annotators confirm the value and editors may want the explicit date.",
        "Biden said on Tuesday …",
        "Dates with their year written in the text (\"16 June 2021\"), also later in the same phrase (\"the 11 September attacks in 2001\"); date words that are part of a title: newspapers, programmes and works (\"The Sunday Times\", \"the Daily Telegraph\", \"by Sunday Telegraph journalist\", \"Radio 4's Today programme\", \"the film Halloween\"); a capitalised \"Noon\" or \"Midnight\" in a list of names (\"Abbott, Noon, Paul\"); a month or weekday that is part of a person's or organisation's name (\"Theresa May\", \"Mrs May\", \"May said\"); \"today\" meaning nowadays and its kin (\"today's youth\", \"in today's world\", \"the people of tomorrow\", \"USA Today\", \"to this day\"), while \"today's vote\" keeps its day; numbers that only look like dates or durations (amounts such as \"$2000\" or \"1990 shares\", ages such as \"six years old\", rates such as \"$2 a year\").";
    UnattributedQuote => "unattributed-quote", Warning,
        "A quotation the text presents as someone's words while naming no one who said or wrote them: words introduced as asked, said, called or known with no agent (`was asked, \"…\"`, `has been called the \"…\"`, `is known as \"…\"`), a crowd's chants and signs (`met with chants of \"…\"`), and speech that the learned sourceless model (trained on PolNeAR's attributions without a source) finds with no source in the sentences around it.",
        "A quote without a source cannot be checked, and quote corpora need a speaker for every quote: an editor names the source or drops the quotation marks.",
        "Blumenthal was asked, \"Would you have told her?\" (asked by whom?)",
        "Quoted titles (`a book titled \"…\"`, `a group called the \"…\"`), terms (\"control orders\", \"duty of care\"), nicknames and scare quotes (`so-called \"…\"`), which are no one's words; quotes in boilerplate; quotes attributed by a reporting clause (`X said, Y is seen as \"…\"`), by the lede for a headline quote, or by the quotes and sentences around them; and quotes whose speaker is in the text but newsls could not decide (`undecided-speaker`).";
    UndecidedSpeaker => "undecided-speaker", Hint,
        "A quotation that reads as speech but whose speaker newsls could not decide: no speaker in its own sentence, and the candidates around it (the quotes before and after it, the subjects of the sentences around it, the lede of a headline quote), weighed by the learned speaker ranker, were not clear enough. The message names the likeliest candidate.",
        "Annotators confirm or name the speaker. It is a hint, not a warning: the speaker is usually in the text, only out of newsls's reach.",
        "\"We will not back down.\" (a paragraph of its own between two quotes of different speakers)",
        "Titles, terms, nicknames and scare quotes; quotes in boilerplate; quotes that name no source at all (`unattributed-quote`).";
    UnbalancedQuote => "unbalanced-quote", Warning,
        "A quotation mark that is never closed (or never opened).",
        "An unclosed quote makes the extent of the quoted speech unknown.",
        "He said, \"we will win.",
        "Apostrophes in possessives and elisions (\"Biden's\", \"rock 'n' roll\"); a quotation that runs over several paragraphs, each reopening the mark and only the last closing it (news style), also when the line breaks between them were lost (`…have got. \"As a result…\"`); a block quotation closed after its citation line (`\"We need stimulus.` / `Josh Bivens, EPI.\"`); the attribute quotes of markup left in scraped text (`<tweet author=\"x\">`); a closing-shaped mark that opens after an invisible direction mark.";
    EntitySpelling => "entity-spelling", Warning,
        "A name, or a capitalised word written once, that is a near miss of another spelling in the same article.",
        "Misspelled names split one entity into two and break search, linking and coreference.",
        "Vladamir Putin (elsewhere: Vladimir Putin)",
        "Other forms of one word (plurals, possessives, demonyms and their countries: \"Americans\" / \"American\" / \"America\", \"West German\" / \"West Germany\"); punctuation at a name's edge; one word hyphenated two ways (\"Euro-sceptic\" / \"Eurosceptic\"); names whose initials differ (\"Joe Biden\" / \"Jill Biden\", \"C Thomson\" / \"Thompson\": different people); words of three letters or fewer; two listed names or places one letter apart (\"Mali\" / \"Bali\"); a word written in capitals, or a part in capitals of a compound (\"UK-based\" / \"US-based\"); two derivations of one stem (\"anti-Semitism\" / \"anti-Semitic\"); two spellings that the news the model learned from both writes, which are two words, not one misspelt (\"Three\" / \"There\", \"Labour\" / \"Labor\", \"Reagan\" / \"Regan\"); a word without a vowel, an abbreviation that drops letters on purpose (\"Stks\" / \"Stcks\"); an ordinary word capitalised in a title beside a name (\"Being Julia\" / \"Bening\"); a capitalised word whose last letter changed, which is another word (\"Famer\" / \"Famed\"), unless its last two letters are swapped; a short part of a hyphenated label (\"D-Va.\" / \"D-Ga.\"); words with digits (\"TurMedia333\"); a name written with and without its accents (\"Guantánamo\" / \"Guantanamo\"); a word of a person's name that stands elsewhere in another place of a name or beside another given name or surname (\"Jeremy Vine\" / \"Vince Cable\", \"Allan Bogle\" / \"Anna Boyle\", \"Patrik Berger\" / \"Patrick Vieira\"): other people. Of two spellings, only the one the article writes less often is flagged, never the majority spelling; on a tie, the one unknown to the news the model learned from; when neither count nor vocabulary tells, the later one is flagged with a message that says one of the two is likely a misspelling, without asserting which. The fix offered is the closest spelling, never one already reported as a misspelling.";
    LostAnnotation => "lost-annotation", Warning,
        "An annotator's decision in the sidecar layer whose text is no longer in the article.",
        "The article changed under the annotation: the decision was not applied, and it must be redone or deleted rather than silently dropped.",
        "A speaker recorded for a quote whose words were since edited",
        "Decisions whose text moved but is still in the article: they follow their text.";
    InvalidAnnotation => "invalid-annotation", Error,
        "A suppression comment or a sidecar annotation record that newsls cannot read.",
        "A malformed suppression suppresses nothing, and a malformed annotation record is not applied.",
        "<!-- newsls-disable unknown-rule -->",
        "Comments that are not newsls directives.";
}

impl Code {
    pub fn doc(self) -> &'static RuleDoc {
        // The table is generated from the enum in one macro, so every code has exactly one entry.
        RULES
            .iter()
            .find(|rule| rule.code == self)
            .unwrap_or(&RULES[0])
    }

    pub fn name(self) -> &'static str {
        self.doc().name
    }

    pub fn default_severity(self) -> Severity {
        self.doc().default_severity
    }

    pub fn from_name(name: &str) -> Option<Code> {
        RULES
            .iter()
            .find(|rule| rule.name == name.trim())
            .map(|rule| rule.code)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Renders `docs/rules.md` from the table.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# newsls rules\n\n<!-- Generated from crates/engine/src/rules.rs by `NEWSLS_BLESS=1 cargo test --test tidy`; do not edit by hand. -->\n\n\
         Each finding has a stable kebab-case code. Severities can be changed or rules turned off in `newsls.toml` (`[rules]`), \
         and a single finding can be suppressed with a comment (see below).\n\n| code | default severity | what it flags |\n|---|---|---|\n",
    );
    for rule in RULES {
        out.push_str(&format!(
            "| [`{}`](#{}) | {} | {} |\n",
            rule.name, rule.name, rule.default_severity, rule.summary
        ));
    }
    for rule in RULES {
        out.push_str(&format!(
            "\n## {}\n\n**Default severity:** {}\n\n**What it flags.** {}\n\n**Why it matters.** {}\n\n**Example.** {}\n\n**What it does not flag.** {}\n",
            rule.name, rule.default_severity, rule.summary, rule.why, rule.example, rule.not_flagged
        ));
    }
    out.push_str(SUPPRESSION_DOC);
    out
}

const SUPPRESSION_DOC: &str = "\n## Suppressing findings\n\n\
A comment anywhere in a line suppresses findings for that line or the whole file. Both the CLI and the language server honour it.\n\n\
- `<!-- newsls-disable-line CODE[, CODE…] -->` or `// newsls-disable-line CODE`: the findings on that line.\n\
- `<!-- newsls-disable-next-line CODE -->`: the findings on the next line.\n\
- `<!-- newsls-disable-file CODE -->`: the findings in the whole file.\n\n\
Without a code, every rule is suppressed. An unknown code is itself reported as `invalid-annotation`.\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        let mut seen = crate::hash_maps::HashSet::default();
        for rule in RULES {
            assert!(seen.insert(rule.name), "duplicate rule name {}", rule.name);
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{} is not kebab-case",
                rule.name
            );
            assert_eq!(Code::from_name(rule.name), Some(rule.code));
            assert_eq!(rule.code.name(), rule.name);
        }
    }
}
