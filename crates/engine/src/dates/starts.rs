//! Where a pattern's matches can start: the literal beginnings every match of a pattern has,
//! read from the pattern's own regular expression, and one automaton over the beginnings of
//! all patterns that says, for a paragraph, where each pattern is worth trying.
//!
//! Recognition then tries a pattern only where one of its beginnings stands (an anchored
//! search there), instead of running the whole pattern set over every paragraph. Since every
//! match starts at one of these places, trying them in text order finds exactly the matches a
//! search over the whole paragraph finds.
//! It knows regular-expression syntax (the subset `patterns.txt` uses), not what patterns mean.

use crate::hash_maps::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Beginnings are cut to this many characters: longer ones select no better.
const MAX_PREFIX: usize = 12;
/// Above this many strings a node's exact language or a product of beginnings is not kept
/// (its first strings still are), so that alternations of long word lists stay cheap.
const MAX_STRINGS: usize = 64;

/// What the analysis knows about the matches of one part of a regular expression.
#[derive(Debug, Clone)]
struct Node {
    /// It can match the empty string.
    nullable: bool,
    /// Every non-empty match begins with one of these (lower case); `None`: with anything.
    prefixes: Option<Vec<String>>,
    /// Every match is one of these strings (lower case); `None`: not a small literal language.
    exact: Option<Vec<String>>,
    /// Every match starts where an ASCII word boundary holds.
    at_boundary: bool,
    /// Every match contains one of these (lower case); `None`: nothing known.
    required: Option<Vec<String>>,
}

impl Node {
    fn unknown() -> Node {
        Node {
            nullable: false,
            prefixes: None,
            exact: None,
            at_boundary: false,
            required: None,
        }
    }

    /// A zero-width assertion or flag setting; `\b` when `boundary`.
    fn empty(boundary: bool) -> Node {
        Node {
            nullable: true,
            prefixes: Some(Vec::new()),
            exact: Some(vec![String::new()]),
            at_boundary: boundary,
            required: None,
        }
    }

    fn strings(strings: Vec<String>) -> Node {
        let nullable = strings.iter().any(String::is_empty);
        Node {
            nullable,
            prefixes: Some(strings.iter().filter(|s| !s.is_empty()).cloned().collect()),
            required: (!nullable).then(|| strings.clone()),
            exact: Some(strings),
            at_boundary: false,
        }
    }

    fn is_zero_width(&self) -> bool {
        self.exact
            .as_ref()
            .is_some_and(|exact| exact.iter().all(String::is_empty))
    }

    /// This node followed by `rest`.
    fn then(mut self, rest: Node) -> Node {
        let at_boundary = if self.is_zero_width() {
            self.at_boundary || rest.at_boundary
        } else if self.nullable {
            self.at_boundary && rest.at_boundary
        } else {
            self.at_boundary
        };
        let prefixes = match &self.exact {
            Some(words) => {
                let mut out = Vec::new();
                let mut known = true;
                for word in words {
                    if word.is_empty() {
                        match &rest.prefixes {
                            Some(more) => out.extend(more.iter().cloned()),
                            None => known = false,
                        }
                        continue;
                    }
                    match &rest.prefixes {
                        Some(more)
                            if !rest.nullable
                                && !more.is_empty()
                                && more.len() * words.len() <= MAX_STRINGS =>
                        {
                            out.extend(more.iter().map(|next| cut(format!("{word}{next}"))));
                        }
                        _ => out.push(cut(word.clone())),
                    }
                }
                known.then_some(out)
            }
            None => match (self.prefixes.take(), self.nullable, &rest.prefixes) {
                (Some(own), false, _) => Some(own),
                (Some(mut own), true, Some(more)) => {
                    own.extend(more.iter().cloned());
                    Some(own)
                }
                _ => None,
            },
        };
        let exact = match (&self.exact, &rest.exact) {
            (Some(left), Some(right)) if left.len() * right.len() <= MAX_STRINGS => Some(
                left.iter()
                    .flat_map(|a| right.iter().map(move |b| format!("{a}{b}")))
                    .collect(),
            ),
            _ => None,
        };
        let own_required = if self.nullable { None } else { self.required };
        let nullable = self.nullable && rest.nullable;
        let prefixes = prefixes.map(dedup);
        let exact = exact.map(dedup);
        let mut required = rarer(own_required, rest.required);
        if !nullable {
            // A literal run ("hundred") is rarer than any of its letters.
            let whole = exact.iter().chain(&prefixes);
            for strings in whole.filter(|strings| !strings.iter().any(String::is_empty)) {
                if required.as_ref().is_none_or(|r| commonness(strings) < commonness(r)) {
                    required = Some(strings.clone());
                }
            }
        }
        Node {
            nullable,
            prefixes,
            exact,
            at_boundary,
            required,
        }
    }

    /// Either this node or `other`.
    fn or(self, other: Node) -> Node {
        let union = |a: Option<Vec<String>>, b: Option<Vec<String>>| match (a, b) {
            (Some(mut a), Some(b)) => {
                a.extend(b);
                Some(dedup(a))
            }
            _ => None,
        };
        Node {
            nullable: self.nullable || other.nullable,
            prefixes: union(self.prefixes, other.prefixes),
            exact: union(self.exact, other.exact).filter(|exact| exact.len() <= MAX_STRINGS),
            at_boundary: self.at_boundary && other.at_boundary,
            required: union(self.required, other.required),
        }
    }

    /// This node repeated `min` to `max` times (`None`: unbounded).
    fn repeat(self, min: u32, max: Option<u32>) -> Node {
        let exact = match (min, max) {
            (1, Some(1)) => self.exact,
            (0, Some(1)) => self.exact.map(|mut exact| {
                exact.push(String::new());
                dedup(exact)
            }),
            _ => None,
        };
        Node {
            nullable: min == 0 || self.nullable,
            prefixes: self.prefixes,
            exact,
            at_boundary: self.at_boundary,
            required: if min == 0 { None } else { self.required },
        }
    }
}

/// How often one of `strings` can be expected in prose, roughly: short strings are common.
fn commonness(strings: &[String]) -> f64 {
    strings
        .iter()
        .map(|string| match string.len() {
            0 => f64::INFINITY,
            1 => 1.0,
            2 => 0.3,
            3 => 0.1,
            long => 0.02 / (long - 3) as f64,
        })
        .sum()
}

/// The rarer of two sets of strings a match must contain.
fn rarer(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if commonness(&b) < commonness(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn cut(mut prefix: String) -> String {
    if let Some((index, _)) = prefix.char_indices().nth(MAX_PREFIX) {
        prefix.truncate(index);
    }
    prefix
}

fn dedup(mut strings: Vec<String>) -> Vec<String> {
    strings.sort_unstable();
    strings.dedup();
    strings
}

/// How a character is spelt in the analysis: lower case, as the automaton compares ASCII
/// letters without case (a pattern's `(?i)` makes the regular expression do the same).
fn fold(c: char) -> char {
    c.to_ascii_lowercase()
}

/// Characters with a meaning of their own in a regular expression.
fn is_special(c: char) -> bool {
    "\\.[](){}|?*+^$".contains(c)
}

/// A recursive-descent reading of a regular expression that computes `Node`s, not a tree.
struct Reader<'p> {
    chars: std::iter::Peekable<std::str::Chars<'p>>,
    placeholders: &'p Placeholders,
}

/// The analysis of each placeholder's expansion (`{month}`, `{number}`, …), read once rather
/// than in every pattern that uses it.
pub struct Placeholders {
    nodes: HashMap<String, Node>,
}

impl Placeholders {
    /// `bodies`: each placeholder's name and the regular expression it expands to.
    pub fn new(bodies: &[(&str, String)]) -> Placeholders {
        let none = Placeholders {
            nodes: HashMap::default(),
        };
        let nodes = bodies
            .iter()
            .map(|(name, body)| (name.to_string(), read(body, &none).0))
            .collect();
        Placeholders { nodes }
    }

    /// No placeholders: for patterns already expanded.
    pub fn none() -> Placeholders {
        Placeholders {
            nodes: HashMap::default(),
        }
    }
}

/// The analysis of a whole regular expression, and whether all of it was read.
fn read(pattern: &str, placeholders: &Placeholders) -> (Node, bool) {
    let mut reader = Reader {
        chars: pattern.chars().peekable(),
        placeholders,
    };
    let node = reader.alternation();
    let complete = reader.chars.next().is_none();
    (node, complete)
}

impl Reader<'_> {
    fn alternation(&mut self) -> Node {
        let mut node = self.sequence();
        while self.chars.peek() == Some(&'|') {
            self.chars.next();
            node = node.or(self.sequence());
        }
        node
    }

    fn sequence(&mut self) -> Node {
        let mut items = Vec::new();
        while let Some(&c) = self.chars.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom();
            items.push(self.quantified(atom));
        }
        items
            .into_iter()
            .rev()
            .fold(Node::empty(false), |rest, item| item.then(rest))
    }

    fn quantified(&mut self, atom: Node) -> Node {
        let repetition = self.chars.clone().nth(1).is_some_and(|c| c.is_ascii_digit());
        let (min, max) = match self.chars.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') if repetition => {
                self.chars.next();
                let mut spec = String::new();
                for c in self.chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    spec.push(c);
                }
                let (low, high) = spec.split_once(',').unwrap_or((&spec, &spec));
                let min = low.trim().parse().unwrap_or(0);
                let max = high.trim().parse().ok();
                return self.lazy(atom.repeat(min, max));
            }
            _ => return atom,
        };
        self.chars.next();
        self.lazy(atom.repeat(min, max))
    }

    /// A `?` after a quantifier makes it lazy, which changes no beginning.
    fn lazy(&mut self, node: Node) -> Node {
        if self.chars.peek() == Some(&'?') {
            self.chars.next();
        }
        node
    }

    fn atom(&mut self) -> Node {
        let Some(c) = self.chars.next() else {
            return Node::unknown();
        };
        match c {
            '(' => self.group(),
            '[' => self.class(),
            '{' => {
                // A placeholder, `{name}` or `{name:group}` (repetitions follow an atom).
                let mut name = String::new();
                for c in self.chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    name.push(c);
                }
                let name = name.split(':').next().unwrap_or_default();
                match self.placeholders.nodes.get(name) {
                    Some(node) => node.clone(),
                    // Not a placeholder: the regular expression reads `{` as itself.
                    None => Node::unknown(),
                }
            }
            '\\' => match self.chars.next() {
                Some('b') => Node::empty(true),
                Some('B' | 'A' | 'z') => Node::empty(false),
                Some(escaped) if escaped.is_ascii_alphanumeric() => {
                    // \s, \d, \w, \p{…}: a class of many characters.
                    if matches!(escaped, 'p' | 'P') && self.chars.peek() == Some(&'{') {
                        for c in self.chars.by_ref() {
                            if c == '}' {
                                break;
                            }
                        }
                    }
                    Node::unknown()
                }
                Some(escaped) => Node::strings(vec![fold(escaped).to_string()]),
                None => Node::unknown(),
            },
            '.' => Node::unknown(),
            '^' | '$' => Node::empty(false),
            c => {
                // A run of plain characters is one literal ("january"), read at once: one
                // character at a time made most of the analysis's allocations. A character
                // a quantifier applies to ends the run.
                let mut run = fold(c).to_string();
                loop {
                    let mut ahead = self.chars.clone();
                    let (Some(next), after) = (ahead.next(), ahead.next()) else {
                        break;
                    };
                    if is_special(next) || after.is_some_and(|after| "?*+{".contains(after)) {
                        break;
                    }
                    run.push(fold(next));
                    self.chars.next();
                }
                Node::strings(vec![run])
            }
        }
    }

    fn group(&mut self) -> Node {
        if self.chars.peek() == Some(&'?') {
            self.chars.next();
            if matches!(self.chars.peek(), Some('P' | '<')) {
                // A named group: skip its name.
                for c in self.chars.by_ref() {
                    if c == '>' {
                        break;
                    }
                }
            } else {
                // Flags, then ':' (a group) or ')' (they apply to the rest of the group).
                for c in self.chars.by_ref() {
                    if c == ':' {
                        break;
                    }
                    if c == ')' {
                        return Node::empty(false);
                    }
                }
            }
        }
        let inner = self.alternation();
        self.chars.next(); // ')'
        inner
    }

    fn class(&mut self) -> Node {
        let mut members: Vec<char> = Vec::new();
        let mut known = true;
        if self.chars.peek() == Some(&'^') {
            known = false;
        }
        let mut previous: Option<char> = None;
        while let Some(c) = self.chars.next() {
            match c {
                ']' => break,
                '\\' => match self.chars.next() {
                    Some(escaped) if escaped.is_ascii_alphanumeric() => known = false,
                    Some(escaped) => {
                        members.push(escaped);
                        previous = Some(escaped);
                    }
                    None => known = false,
                },
                '-' if previous.is_some() && self.chars.peek().is_some_and(|&next| next != ']') => {
                    let (Some(low), Some(high)) = (previous, self.chars.next()) else {
                        continue;
                    };
                    if (high as u32).saturating_sub(low as u32) > 64 {
                        known = false;
                    } else {
                        members.extend((low..=high).skip(1));
                    }
                    previous = None;
                }
                c => {
                    members.push(c);
                    previous = Some(c);
                }
            }
        }
        if !known || members.len() > 64 {
            return Node::unknown();
        }
        Node::strings(members.into_iter().map(|c| fold(c).to_string()).collect())
    }
}

/// Where the matches of one pattern can start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternStarts {
    /// Every match begins with one of these (lower case, none a prefix of another).
    pub prefixes: Vec<String>,
    /// Every match starts where an ASCII word boundary holds.
    pub at_boundary: bool,
    /// Every match contains one of these (lower case), when they are rarer than the
    /// beginnings: a beginning after the last of them in a text begins no match.
    pub required: Option<Vec<String>>,
}

/// `PatternStarts` as the generated table (`starts_table.rs`) spells it.
pub struct TableStarts {
    pub prefixes: &'static [&'static str],
    pub at_boundary: bool,
    pub required: Option<&'static [&'static str]>,
}

impl TableStarts {
    pub fn to_starts(&self) -> PatternStarts {
        let strings = |strings: &[&str]| strings.iter().map(|s| s.to_string()).collect();
        PatternStarts {
            prefixes: strings(self.prefixes),
            at_boundary: self.at_boundary,
            required: self.required.map(strings),
        }
    }
}

/// The beginnings of every pattern of the grammar, read once when the grammar changes rather
/// than at every start of a process: reading them cost more than the rest of the start-up.
pub struct StartsTable {
    /// `fingerprint` of the expanded patterns the table was read from: a grammar that differs
    /// reads its beginnings again (and the tests say to regenerate the table).
    pub fingerprint: u64,
    pub starts: &'static [Option<TableStarts>],
}

/// A hash of the expanded patterns (FNV-1a): whatever changes a pattern or a word list
/// changes it.
pub fn fingerprint<'a>(sources: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for source in sources {
        for byte in source.bytes().chain([b'\n']) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The table's Rust source, for the test that keeps `starts_table.rs` up to date.
#[cfg(test)]
pub fn render_table(fingerprint: u64, starts: &[Option<PatternStarts>]) -> String {
    let mut out = String::from(
        "//! Generated from `patterns.txt` and the word lists by `starts.rs` (the beginnings of each\n\
         //! pattern's matches); do not edit. Regenerate with\n\
         //! `NEWSLS_BLESS=1 cargo test -p newsls-engine starts_table`; a stale table is not used.\n\n\
         use super::starts::{StartsTable, TableStarts};\n\n\
         pub static STARTS_TABLE: StartsTable = StartsTable {\n",
    );
    out.push_str(&format!("    fingerprint: {fingerprint:#018x},\n    starts: &[\n"));
    for pattern in starts {
        match pattern {
            None => out.push_str("        None,\n"),
            Some(pattern) => out.push_str(&format!(
                "        Some(TableStarts {{ prefixes: &{:?}, at_boundary: {}, required: {} }}),\n",
                pattern.prefixes,
                pattern.at_boundary,
                match &pattern.required {
                    Some(required) => format!("Some(&{required:?})"),
                    None => "None".to_string(),
                },
            )),
        }
    }
    out.push_str("    ],\n};\n");
    out
}

/// `strings` without those that contain another of them (a text that holds one of the longer
/// ones holds the shorter one too), shortest first.
fn minimal(mut strings: Vec<String>, contains: fn(&str, &str) -> bool) -> Vec<String> {
    strings.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
    let mut kept: Vec<String> = Vec::new();
    for string in strings {
        if !kept.iter().any(|shorter| contains(&string, shorter)) {
            kept.push(string);
        }
    }
    kept
}

/// The beginnings of the matches of `pattern`, or `None` when the analysis cannot bound them
/// (a pattern that can match the empty string or start with any character).
pub fn pattern_starts(pattern: &str, placeholders: &Placeholders) -> Option<PatternStarts> {
    let (node, complete) = read(pattern, placeholders);
    if node.nullable || !complete {
        return None;
    }
    let prefixes = node.prefixes?;
    if prefixes.iter().any(String::is_empty) {
        return None;
    }
    let prefixes = minimal(prefixes, |long, short| long.starts_with(short));
    let required = node
        .required
        .filter(|required| !required.iter().any(String::is_empty))
        .map(|required| minimal(required, |long, short| long.contains(short)))
        .filter(|required| commonness(required) < commonness(&prefixes));
    Some(PatternStarts {
        prefixes,
        at_boundary: node.at_boundary,
        required,
    })
}

/// Strings one of which every match of `pattern` contains (lower case), or `None` when the
/// analysis knows none: for patterns whose beginnings are unknown (`.*\bwe use cookies\b.*`).
pub fn pattern_required(pattern: &str) -> Option<Vec<String>> {
    let (node, complete) = read(pattern, &Placeholders::none());
    if node.nullable || !complete {
        return None;
    }
    node.required
        .filter(|required| !required.iter().any(String::is_empty))
        .map(|required| minimal(required, |long, short| long.contains(short)))
}

/// Characters outside ASCII that a case-insensitive pattern reads as ASCII letters (the long
/// s as "s", the Kelvin sign as "k"): the automaton compares ASCII case only, so a paragraph
/// with one of them is searched the slow, complete way.
const FOLDS_TO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// One automaton over the beginnings (and required strings) of every pattern.
pub struct Triggers {
    automaton: Option<AhoCorasick>,
    /// For each string of the automaton, the patterns it begins or is required by.
    roles: Vec<Vec<Role>>,
    /// For each pattern, whether its matches start at word boundaries only; `None` for a
    /// pattern whose beginnings are unknown (tried everywhere).
    at_boundary: Vec<Option<bool>>,
    /// For each pattern, whether it has required strings besides its beginnings.
    has_required: Vec<bool>,
}

#[derive(Debug, Clone, Copy)]
enum Role {
    Begins(u16),
    Required(u16),
}

impl Triggers {
    pub fn new(starts: &[Option<PatternStarts>]) -> Triggers {
        let mut literals: Vec<&str> = Vec::new();
        let mut ids: HashMap<&str, usize> = HashMap::default();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        for (index, pattern) in starts.iter().enumerate() {
            let Some(pattern) = pattern else { continue };
            // There are fewer than 2^16 patterns: the grammar is a short data file.
            let index = index as u16;
            let begins = pattern.prefixes.iter().map(|p| (p, Role::Begins(index)));
            let required = pattern.required.iter().flatten();
            for (literal, role) in begins.chain(required.map(|r| (r, Role::Required(index)))) {
                let id = *ids.entry(literal).or_insert_with(|| {
                    literals.push(literal);
                    roles.push(Vec::new());
                    literals.len() - 1
                });
                roles[id].push(role);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // The DFA passes over a paragraph in about two thirds of the NFA's instructions;
            // building it adds about a millisecond to start-up.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals)
            .ok();
        Triggers {
            automaton,
            roles,
            at_boundary: starts
                .iter()
                .map(|pattern| pattern.as_ref().map(|pattern| pattern.at_boundary))
                .collect(),
            has_required: starts
                .iter()
                .map(|pattern| pattern.as_ref().is_some_and(|p| p.required.is_some()))
                .collect(),
        }
    }

    /// For each pattern, the offsets of `text` where one of its matches may start, in order;
    /// `None` when the text must be searched the complete way.
    pub fn candidates(&self, text: &str) -> Option<Candidates> {
        let automaton = self.automaton.as_ref()?;
        if self.at_boundary.iter().any(Option::is_none) || text.contains(FOLDS_TO_ASCII) {
            return None;
        }
        let bytes = text.as_bytes();
        let word = |at: usize| at < bytes.len() && is_word_byte(bytes[at]);
        // (pattern, start) pairs packed in one u64 each, so that one sort orders them by
        // pattern, then offset: a vector per pattern cost an allocation per pattern found in
        // each paragraph.
        // Sized for the usual density of beginnings: growing it step by step cost a sixth of
        // the search.
        let mut keys: Vec<u64> = Vec::with_capacity(text.len() / 4);
        // Where the last required string of each pattern begins, plus one (0: none).
        let mut last_required: Vec<usize> = vec![0; self.at_boundary.len()];
        for found in automaton.find_overlapping_iter(text) {
            let start = found.start();
            let boundary = (start > 0 && word(start - 1)) != word(start);
            for &role in &self.roles[found.pattern().as_usize()] {
                match role {
                    Role::Begins(pattern) => {
                        if boundary || self.at_boundary[usize::from(pattern)] == Some(false) {
                            // Offsets fit 32 bits: the analysis limit keeps texts far below 4 GB.
                            keys.push(u64::from(pattern) << 32 | start as u64);
                        }
                    }
                    Role::Required(pattern) => {
                        let last = &mut last_required[usize::from(pattern)];
                        *last = (*last).max(start + 1);
                    }
                }
            }
        }
        // A match contains each required string, so it starts at or before the last one.
        keys.retain(|&key| {
            let pattern = (key >> 32) as usize;
            !self.has_required[pattern] || ((key & u64::from(u32::MAX)) as usize) < last_required[pattern]
        });
        keys.sort_unstable();
        keys.dedup();
        Some(Candidates::from_sorted_keys(&keys, self.at_boundary.len()))
    }
}

/// The candidate beginnings of every pattern in a paragraph, in two allocations: the offsets
/// of all patterns one after another, and where each pattern's run ends.
#[derive(Debug, Default)]
pub struct Candidates {
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Candidates {
    /// From (pattern << 32 | offset) keys sorted and without duplicates.
    fn from_sorted_keys(keys: &[u64], patterns: usize) -> Candidates {
        let starts = keys.iter().map(|&key| key as u32).collect();
        let mut ends = Vec::with_capacity(patterns);
        let mut next = 0;
        for pattern in 0..patterns as u64 {
            next += keys[next..].partition_point(|&key| key >> 32 == pattern);
            ends.push(next as u32);
        }
        Candidates { starts, ends }
    }

    /// The offsets where a match of `pattern` may start, in order.
    pub fn of(&self, pattern: usize) -> &[u32] {
        let start = pattern.checked_sub(1).map_or(0, |before| self.ends[before] as usize);
        let end = self.ends.get(pattern).map_or(start, |&end| end as usize);
        self.starts.get(start..end).unwrap_or(&[])
    }
}

/// A word character of the ASCII word boundary `(?-u:\b)` the patterns use.
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(pattern: &str) -> PatternStarts {
        pattern_starts(pattern, &Placeholders::none()).expect("bounded beginnings")
    }

    #[test]
    fn optional_parts_add_their_beginnings_to_the_next_ones() {
        let found = starts(r"(?i)(?-u:\b)(?:(?:monday|tuesday),?\s+)?(?:jan|feb)\.?\s+[0-3]?[0-9]");
        assert_eq!(found.prefixes, ["feb", "jan", "monday", "tuesday"]);
        assert!(found.at_boundary);
    }

    #[test]
    fn literal_runs_and_classes_make_words_and_characters() {
        let found = starts(r"(?-u:\b)(?P<x>the\s+(?:fiscal\s+)?year)|'[0-9]0s");
        assert_eq!(found.prefixes.len(), 11);
        assert_eq!(found.prefixes[..2], ["the", "'00s"]);
        // The apostrophe's branch has no boundary before it.
        assert!(!found.at_boundary);
        assert_eq!(starts(r"[0-9]+\s").prefixes.len(), 10);
        let hundred = starts(r"(?:a|an)\s+hundred");
        assert_eq!(hundred.prefixes, ["a"]);
        assert_eq!(hundred.required, Some(vec!["hundred".to_string()]));
        assert_eq!(starts(r"noon(?:tide)?").prefixes, ["noon"]);
    }

    #[test]
    fn placeholders_read_as_their_expansion() {
        let placeholders = Placeholders::new(&[("month", "(?:jan|feb)".to_string())]);
        assert_eq!(
            pattern_starts(r"\b(?:the\s+)?{month:m}\s+[0-9]", &placeholders),
            pattern_starts(r"\b(?:the\s+)?(?:jan|feb)\s+[0-9]", &Placeholders::none())
        );
        // A repetition is not a placeholder.
        assert_eq!(starts(r"x{2}y").prefixes, ["x"]);
    }

    #[test]
    fn unbounded_beginnings_are_refused() {
        for pattern in [r"\s+today", r"(?:the)?", r"[^a]x", r".x"] {
            assert_eq!(pattern_starts(pattern, &Placeholders::none()), None);
        }
    }

    #[test]
    fn candidates_are_at_beginnings_and_word_boundaries() {
        let patterns = [starts(r"(?-u:\b)the\s+year"), starts(r"'[0-9]0s")];
        let triggers = Triggers::new(&[Some(patterns[0].clone()), Some(patterns[1].clone())]);
        let found = triggers
            .candidates("The other year, in the '80s")
            .expect("searchable");
        // "the" at 19 stands after the last "year", which every match contains.
        assert_eq!(found.of(0), [0]);
        assert_eq!(found.of(1), [23]);
        assert!(triggers.candidates("\u{212A}elvin").is_none());
    }
}
