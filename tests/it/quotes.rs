//! Quote detection, attribution and diagnostics on small annotated texts.
//!
//! Each case is a short text and the quotes newsls must report, one line per quote:
//! `kind «quoted text» speaker-name [source text] cue` or `kind «quoted text» unattributed`,
//! then one line per quote diagnostic (`unattributed-quote`, `undecided-speaker`,
//! `unbalanced-quote`). Quoted titles are listed too. The texts are written for these tests.

use newsls_engine::{Code, Input, Options, Settings, Span, analyze, document, quotes};
use newsls_engine::{Entity, EntityId, EntityKind, Mention, MentionKind};

/// Renders the quotes and quote diagnostics of an analysed text, one line each.
fn annotate(text: &str) -> Vec<String> {
    let analysis = analyze(&Input::new(text, &Settings::default()), Options::default());
    let mut lines: Vec<String> = analysis
        .quotes
        .iter()
        .map(|quote| {
            let quoted = quote.span.slice(text);
            match &quote.speaker {
                Some(speaker) => format!(
                    "{} «{}» {} [{}] {}",
                    quote.kind.name(),
                    quoted,
                    speaker.name,
                    speaker.span.slice(text),
                    quote.cue.map_or("-", |cue| cue.slice(text)),
                ),
                None => format!("{} «{}» unattributed", quote.kind.name(), quoted),
            }
        })
        .collect();
    lines.extend(
        analysis
            .diagnostics
            .iter()
            .filter(|d| {
                matches!(
                    d.code,
                    Code::UnattributedQuote | Code::UndecidedSpeaker | Code::UnbalancedQuote
                )
            })
            .map(|d| format!("{} at «{}»", d.code.name(), d.span.slice(text))),
    );
    lines
}

fn check(text: &str, expected: &[&str]) {
    assert_eq!(annotate(text), expected, "\n--- text:\n{text}\n");
}

// ----- quote forms -----

#[test]
fn straight_and_curly_double_quotes() {
    check(
        "Jen Psaki spoke on Friday. \"We have concerns,\" Psaki said. “We will see,” Psaki added.",
        &[
            "speech «\"We have concerns,\"» Jen Psaki [Psaki] said",
            "speech «“We will see,”» Jen Psaki [Psaki] added",
        ],
    );
}

#[test]
fn single_quotes_are_not_apostrophes() {
    check(
        "Moscow’s ‘large-scale cyberattack’ in the ’90s was no rock ’n’ roll.",
        &["scare «‘large-scale cyberattack’» unattributed"],
    );
}

#[test]
fn mixed_marks_open_curly_close_straight() {
    check(
        "President Joe Biden spoke. “That is my hope and expectation. We’re working on it,\" said the President.",
        &[
            "speech «“That is my hope and expectation. We’re working on it,\"» Joe Biden [the President] said",
        ],
    );
}

#[test]
fn nested_quotes_make_one_quote() {
    check(
        "Ann Lee said, \"They keep calling it 'fake news' every day.\"",
        &["speech «\"They keep calling it 'fake news' every day.\"» Ann Lee [Ann Lee] said"],
    );
}

#[test]
fn doubled_apostrophes_of_the_new_york_times() {
    check(
        "''It is going to take a lot more than one report,'' Mr. Garin said.",
        &["speech «''It is going to take a lot more than one report,''» Garin [Garin] said"],
    );
}

#[test]
fn quote_continued_over_paragraphs() {
    check(
        "Tom Ridge said:\n\n\"The first part goes here.\n\n\"The last part ends here.\"\n",
        &[
            "speech «\"The first part goes here.\n\n\"The last part ends here.\"» Tom Ridge [Tom Ridge] said",
        ],
    );
}

#[test]
fn headline_forms() {
    check(
        "'We will see': Joe Biden acknowledges possibility of meeting\n\nText follows here.",
        &["speech «'We will see'» Joe Biden [Joe Biden] acknowledges"],
    );
    check(
        "\"Hope and expectation\": US President Joe Biden\n\nText follows here.",
        &["speech «\"Hope and expectation\"» Joe Biden [Joe Biden] :"],
    );
    check(
        "Meeting between the two 'unlikely', says US State Secretary Antony Blinken\n\nText.",
        &["speech «'unlikely'» Antony Blinken [Antony Blinken] says"],
    );
}

#[test]
fn titles_are_not_speech() {
    check(
        "Antony Blinken appeared on NBC's \"Meet the Press\" on Sunday.",
        &["title «\"Meet the Press\"» unattributed"],
    );
}

// ----- attribution patterns -----

#[test]
fn quote_then_speaker_then_verb() {
    check(
        "\"We will win,\" Maria Lopez said.",
        &["speech «\"We will win,\"» Maria Lopez [Maria Lopez] said"],
    );
}

#[test]
fn quote_then_verb_then_speaker() {
    check(
        "\"We will win,\" said Geoff Garin, a Democratic pollster.",
        &["speech «\"We will win,\"» Geoff Garin [Geoff Garin] said"],
    );
}

#[test]
fn a_subject_with_a_relative_clause_before_its_verb() {
    // The subject opens with "The", which is no leading adverbial, and its prepositional phrase
    // ("in the case") names what it is about, not who spoke.
    check(
        "The judge in the case, which lasted seven days, said that \"a heavy penalty was \
         called for\".",
        &["speech «\"a heavy penalty was called for\"» The judge [The judge] said"],
    );
}

#[test]
fn speaker_verb_colon_quote() {
    check(
        "Maria Lopez said: \"We will win.\"",
        &["speech «\"We will win.\"» Maria Lopez [Maria Lopez] said"],
    );
}

#[test]
fn partial_quote_in_reported_speech() {
    check(
        "President Joe Biden on May 4 said that it is his \"hope and expectation\" to meet.",
        &["speech «\"hope and expectation\"» Joe Biden [Joe Biden] said"],
    );
}

#[test]
fn quote_paragraph_after_a_colon() {
    check(
        "Senator Ann Lee said in a statement:\n\n\"We will not back down.\"\n",
        &["speech «\"We will not back down.\"» Ann Lee [Ann Lee] said"],
    );
}

#[test]
fn according_to_speaker() {
    check(
        "According to Ann Lee, \"the deal is done.\"",
        &["speech «\"the deal is done.\"» Ann Lee [Ann Lee] According to"],
    );
}

#[test]
fn organisations_speak() {
    check(
        "On the eve of the call, the Kremlin has said that ties are “lamentable” now.",
        &["speech «“lamentable”» Kremlin [Kremlin] said"],
    );
}

#[test]
fn a_pronoun_skips_the_last_speaker_of_the_other_gender() {
    check(
        // Two women are named in the last sentences, so the entities leave "she" unlinked;
        // the last speaker is a man.
        "\"Over my dead body,\" Sarah Palin wrote.\n\n\"Children are gifts,\" said John Krystek, \
         a friend of Mary Jones.\n\n\"We are right,\" she posted.",
        &[
            "speech «\"Over my dead body,\"» Sarah Palin [Sarah Palin] wrote",
            "speech «\"Children are gifts,\"» John Krystek [John Krystek] said",
            "speech «\"We are right,\"» Sarah Palin [she] posted",
        ],
    );
}

#[test]
fn names_resolve_to_their_fullest_form_and_pronouns_to_the_last_speaker() {
    check(
        "White House press secretary Jen Psaki spoke.\n\n\"We have concerns,\" Psaki said.\n\n\"It is ongoing,\" she said.",
        &[
            "speech «\"We have concerns,\"» Jen Psaki [Psaki] said",
            "speech «\"It is ongoing,\"» Jen Psaki [she] said",
        ],
    );
}

#[test]
fn role_nominals_resolve_to_the_titled_person() {
    check(
        "Kremlin spokesperson Dmitry Peskov spoke to reporters. The spokesperson added that ties are “making noise” now.",
        &["speech «“making noise”» Dmitry Peskov [The spokesperson] added"],
    );
}

#[test]
fn a_following_quote_keeps_the_speaker() {
    check(
        "\"This is an epidemic,\" Ted Cruz said. \"We need leadership.\"",
        &[
            "speech «\"This is an epidemic,\"» Ted Cruz [Ted Cruz] said",
            "speech «\"We need leadership.\"» Ted Cruz [Ted Cruz] -",
        ],
    );
}

#[test]
fn attribution_from_the_previous_sentence() {
    check(
        "Ann Lee continued her remarks.\n\n\"We will not back down.\"\n",
        &["speech «\"We will not back down.\"» Ann Lee [Ann Lee] -"],
    );
}

#[test]
fn interrupted_quote_has_one_speaker_for_both_parts() {
    check(
        "\"The real issue,\" Mr. Holtz-Eakin added, \"is whether it lasts.\"",
        &[
            "speech «\"The real issue,\"» Holtz-Eakin [Holtz-Eakin] added",
            "speech «\"is whether it lasts.\"» Holtz-Eakin [Holtz-Eakin] added",
        ],
    );
}

// ----- diagnostics -----

#[test]
fn words_said_by_no_one_named_are_flagged() {
    // A passive speech verb with no agent: asked by whom?
    check(
        "Blumenthal was asked, \"Would you have told her?\" He did not answer.",
        &[
            "speech «\"Would you have told her?\"» unattributed",
            "unattributed-quote at «\"Would you have told her?\"»",
        ],
    );
    // A label someone gave, and a crowd's chant.
    check(
        "Rodrigo Duterte has been called the \"Trump of the East\" for his remarks.",
        &[
            "speech «\"Trump of the East\"» unattributed",
            "unattributed-quote at «\"Trump of the East\"»",
        ],
    );
    check(
        "The team was met with chants of \"Trump, Trump, Trump\" at the game.",
        &[
            "speech «\"Trump, Trump, Trump\"» unattributed",
            "unattributed-quote at «\"Trump, Trump, Trump\"»",
        ],
    );
}

#[test]
fn speech_whose_speaker_newsls_cannot_decide_is_a_hint() {
    check(
        "The housing budget was approved after a long debate.\n\n\"We will not stop until every family in this city has a home.\"\n\nThe budget takes effect in January.\n",
        &[
            "speech «\"We will not stop until every family in this city has a home.\"» unattributed",
            "undecided-speaker at «\"We will not stop until every family in this city has a home.\"»",
        ],
    );
}

// ----- findings that were wrong (issue 17): each kind, not flagged -----

#[test]
fn a_headline_quote_is_attributed_in_the_lede() {
    check(
        "'We will not be intimidated'\n\nThe Home Secretary, Amber Rudd, has said the government will not be intimidated by the attack.\n",
        &["speech «'We will not be intimidated'» Amber Rudd [Amber Rudd] said"],
    );
}

#[test]
fn speaker_said_colon_and_said_speaker_colon() {
    check(
        "Police were called to the school on Monday.\n\nA spokeswoman for the council said: \"The area is safe and the school will reopen.\"\n",
        &[
            "speech «\"The area is safe and the school will reopen.\"» A spokeswoman [A spokeswoman] said",
        ],
    );
    check(
        "The council met on Monday.\n\nSaid Anna Keller: \"We will rebuild the bridge.\"\n",
        &["speech «\"We will rebuild the bridge.\"» Anna Keller [Anna Keller] Said"],
    );
}

#[test]
fn quoted_terms_are_not_unattributed_quotes() {
    check(
        "The government wants to bring back \"control orders\" for terror suspects.",
        &["scare «\"control orders\"» unattributed"],
    );
    check(
        "Employers have a \"duty of care\" to their staff.",
        &["scare «\"duty of care\"» unattributed"],
    );
}

#[test]
fn titles_nicknames_and_scare_quotes_are_not_unattributed_quotes() {
    check(
        "The ad, entitled \"Our History,\" features five families.",
        &["title «\"Our History,\"» unattributed"],
    );
    check(
        "It was a group called the \"We The People Foundation.\"",
        &["title «\"We The People Foundation.\"» unattributed"],
    );
    check(
        "Donald Trump, \"The Donald,\" spoke in Iowa on Monday.",
        &["scare «\"The Donald,\"» unattributed"],
    );
    check(
        "The vote went to the so-called \"closed\" primaries.",
        &["scare «\"closed\"» unattributed"],
    );
}

#[test]
fn a_partial_quote_belongs_to_the_reporting_clause() {
    check(
        "In Miami, Maria Lopez said, Mr. Trump is seen as \"a bully.\"",
        &["speech «\"a bully.\"» Maria Lopez [Maria Lopez] said"],
    );
    check(
        "Ted Cruz spoke in Iowa on Monday.\n\nHe called the plan \"stupid and evil\" and promised to repeal it.\n",
        &["speech «\"stupid and evil\"» Ted Cruz [He] called"],
    );
}

#[test]
fn unbalanced_quote_is_flagged_and_the_rest_still_works() {
    check(
        "Ann Lee said, \"we will win.\n\nLater she added: \"We are done.\"",
        &[
            "speech «\"we will win.» Ann Lee [Ann Lee] said",
            "speech «\"We are done.\"» Ann Lee [she] added",
            "unbalanced-quote at «\"»",
        ],
    );
}

#[test]
fn floods_of_marks_do_not_break_the_analysis() {
    let flood = format!("{}\n\n{}", "“‘\"".repeat(30_000), "\"Fine,\" Ann Lee said.");
    let analysis = analyze(
        &Input::new(&flood, &Settings::default()),
        Options::default(),
    );
    assert!(analysis.quotes.len() < 40_000);
    assert!(
        analysis
            .quotes
            .iter()
            // The source phrase is found after the flood (how the entity is named is the
            // entities module's business).
            .any(|quote| quote
                .speaker
                .as_ref()
                .is_some_and(|s| s.span.slice(&flood) == "Ann Lee"))
    );
    for quote in &analysis.quotes {
        assert!(flood.get(quote.span.range()).is_some());
    }
}

// ----- entities -----

#[test]
fn speakers_take_the_entity_of_an_overlapping_mention() {
    let text = "\"We will see,\" Blinken said.";
    let start = text.find("Blinken").unwrap_or(0);
    let entity = Entity {
        id: EntityId(3),
        canonical: "Antony Blinken".into(),
        kind: EntityKind::Person,
        role: Some("US Secretary of State".into()),
        definition: Span::new(start, start + 7),
        mentions: vec![Mention {
            span: Span::new(start, start + 7),
            kind: MentionKind::Name,
        }],
    };
    let entities = vec![entity];
    let document = document::parse(text);
    let (found, _) = quotes::find(text, &document, &entities);
    let speaker = found.first().and_then(|quote| quote.speaker.clone());
    assert_eq!(
        speaker.map(|s| (s.name, s.entity)),
        Some(("Antony Blinken".to_string(), Some(EntityId(3))))
    );
    assert_eq!(
        found
            .first()
            .map(|quote| quote.explanation(text, &entities)),
        Some("Said by Antony Blinken (US Secretary of State), cue “said”".to_string())
    );
}

// ----- every Unicode quotation mark -----

/// Each character with the Unicode `Quotation_Mark` property, in the pairings newspapers use:
/// English, German (low-high and inverted guillemets), Polish, French, Swiss, Swedish and
/// Finnish (the same mark on both sides), CJK corner brackets (full-width, half-width and
/// vertical), double prime marks and the full-width ASCII marks.
const QUOTATION_PAIRS: [(&str, &str); 27] = [
    ("\"", "\""),
    ("'", "'"),
    ("“", "”"),
    ("‘", "’"),
    ("„", "“"),
    ("„", "”"),
    ("‚", "‘"),
    ("‚", "’"),
    ("‛", "’"),
    ("‟", "”"),
    ("”", "”"),
    ("’", "’"),
    ("«", "»"),
    ("»", "«"),
    ("‹", "›"),
    ("›", "‹"),
    ("⹂", "”"),
    ("「", "」"),
    ("『", "』"),
    ("〝", "〞"),
    ("〝", "〟"),
    ("﹁", "﹂"),
    ("﹃", "﹄"),
    ("｢", "｣"),
    ("＂", "＂"),
    ("＇", "＇"),
    ("« ", " »"),
];

#[test]
fn every_quotation_mark_delimits_an_attributed_quote() {
    let mut failures = Vec::new();
    for (open, close) in QUOTATION_PAIRS {
        let quoted = format!("{open}We will win this fight{close}");
        let text = format!("Anna Smith spoke on Friday. {quoted}, said Smith.");
        let found = annotate(&text);
        let expected = vec![format!("speech «{quoted}» Anna Smith [Smith] said")];
        if found != expected {
            failures.push(format!("{open}…{close}: {found:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "marks not understood:\n{}",
        failures.join("\n")
    );
}

/// The marks the pairing table above uses cover the whole `Quotation_Mark` property: a mark
/// added to Unicode's list but not to the table must be noticed here.
#[test]
fn the_pairs_cover_every_quotation_mark() {
    let quotation_marks = "\"'«»‘’‚‛“”„‟‹›⹂「」『』〝〞〟﹁﹂﹃﹄＂＇｢｣";
    let used: String = QUOTATION_PAIRS
        .iter()
        .flat_map(|(open, close)| [*open, *close])
        .collect();
    for mark in quotation_marks.chars() {
        assert!(
            used.contains(mark),
            "{mark} (U+{:04X}) is not tested",
            u32::from(mark)
        );
    }
}

#[test]
fn a_lone_mark_of_each_kind_is_harmless() {
    // Every mark alone, doubled and in a flood: no panic, and every quote found starts at a
    // quotation mark and slices the text.
    for mark in "\"'«»‘’‚‛“”„‟‹›⹂「」『』〝〞〟﹁﹂﹃﹄＂＇｢｣".chars()
    {
        for text in [
            format!("He said {mark} and left."),
            format!("{mark}{mark}"),
            format!("{mark} ").repeat(2_000),
        ] {
            let analysis = analyze(&Input::new(&text, &Settings::default()), Options::default());
            for quote in &analysis.quotes {
                let quoted = text.get(quote.span.range());
                assert!(
                    quoted.is_some_and(|quoted| quoted.starts_with(mark)),
                    "{mark}: {:?} in {:?}",
                    quote.span,
                    &text[..text.len().min(40)]
                );
            }
        }
    }
}
