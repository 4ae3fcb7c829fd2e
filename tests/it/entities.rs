//! The entity analysis end to end with the shipped model: the model file itself, recognition
//! under ALL-CAPS and Title Case headlines and sentence-initial capitals, and declared entities.

use newsls_engine::entities::model::{MAGIC, Model};
use newsls_engine::{DeclaredEntity, EntityKind, Input, Options, Settings, analyze};

const SHIPPED_MODEL: &[u8] = include_bytes!("../../crates/engine/src/entities/ner.bin");

#[test]
fn the_shipped_model_loads_and_is_compact() {
    assert!(SHIPPED_MODEL.starts_with(MAGIC));
    assert!(
        SHIPPED_MODEL.len() < 4_000_000,
        "{} bytes",
        SHIPPED_MODEL.len()
    );
    assert!(Model::from_bytes(SHIPPED_MODEL).is_some());
    // A truncated or foreign file is refused, never half-read.
    assert!(Model::from_bytes(&SHIPPED_MODEL[..SHIPPED_MODEL.len() - 1]).is_none());
    assert!(Model::from_bytes(b"not a model").is_none());
}

/// Canonical names and kinds of the entities of `text`.
fn entities(text: &str, settings: &Settings) -> Vec<(String, EntityKind)> {
    analyze(&Input::new(text, settings), Options::default())
        .entities
        .iter()
        .map(|entity| (entity.canonical.clone(), entity.kind))
        .collect()
}

fn has(found: &[(String, EntityKind)], name: &str, kind: EntityKind) -> bool {
    found
        .iter()
        .any(|(canonical, found_kind)| canonical == name && *found_kind == kind)
}

#[test]
fn wire_story_with_an_all_caps_title() {
    let text = "GERMANY AND FRANCE AGREE ON FARM AID\n\nBONN, Aug 22 - German Chancellor Helmut Kohl \
                met French President Jacques Chirac in Bonn on Thursday.\nKohl said the European \
                Commission would decide.\n";
    let found = entities(text, &Settings::default());
    assert!(has(&found, "Helmut Kohl", EntityKind::Person), "{found:?}");
    assert!(
        has(&found, "Jacques Chirac", EntityKind::Person),
        "{found:?}"
    );
    assert!(has(&found, "Bonn", EntityKind::Place), "{found:?}");
    assert!(
        has(&found, "European Commission", EntityKind::Org),
        "{found:?}"
    );
    let analysis = analyze(&Input::new(text, &Settings::default()), Options::default());
    let kohl = analysis
        .entities
        .iter()
        .find(|entity| entity.canonical == "Helmut Kohl");
    // The whole phrase with the role is a mention too, as a reader points at the person.
    let mentions: Vec<&str> = kohl
        .map(|entity| {
            entity
                .mentions
                .iter()
                .map(|mention| mention.span.slice(text))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        mentions,
        vec!["German Chancellor Helmut Kohl", "Helmut Kohl", "Kohl"]
    );
    assert_eq!(
        kohl.and_then(|entity| entity.role.as_deref()),
        Some("German Chancellor")
    );
}

#[test]
fn title_case_headline_and_sentence_initial_names() {
    let text = "Blinken Says Talks With Moscow Are Unlikely To Succeed\n\nBlinken spoke to reporters \
                in Washington on Sunday. Secretary of State Antony Blinken said Russia would \
                not move.\n";
    let found = entities(text, &Settings::default());
    assert!(
        has(&found, "Antony Blinken", EntityKind::Person),
        "{found:?}"
    );
    assert!(has(&found, "Washington", EntityKind::Place), "{found:?}");
    assert!(has(&found, "Russia", EntityKind::Place), "{found:?}");
    // "Says", "Talks" and "Are" in the headline are not names.
    assert!(
        found
            .iter()
            .all(|(name, _)| !["Says", "Talks", "Are"].contains(&name.as_str())),
        "{found:?}"
    );
}

#[test]
fn declared_entities_and_aliases_take_part() {
    let settings = Settings {
        declared_entities: vec![DeclaredEntity {
            name: "Vladimir Putin".to_string(),
            aliases: vec!["Putin".to_string(), "the Russian leader".to_string()],
            kind: Some("PERSON".to_string()),
            role: Some("President of Russia".to_string()),
        }],
        ..Settings::default()
    };
    let text = "Putin met aides. Later the Russian leader spoke to them.\n";
    let analysis = analyze(&Input::new(text, &settings), Options::default());
    let putin = analysis
        .entities
        .iter()
        .find(|entity| entity.canonical == "Vladimir Putin");
    let mentions: Vec<&str> = putin
        .map(|entity| {
            entity
                .mentions
                .iter()
                .map(|mention| mention.span.slice(text))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(mentions, vec!["Putin", "the Russian leader"]);
    assert_eq!(
        putin.and_then(|entity| entity.role.as_deref()),
        Some("President of Russia")
    );
}

#[test]
fn every_mention_slices_the_text() {
    for text in [
        "“Zürich’s” mayor Corine Mauch met Ærø officials…\n\nMauch’s office said so.",
        "\u{feff}date: 2021-01-01\n\nA B C D E F G H I J K L M N O P",
        "(NATO) ( ) [] — 'US' — U.S.. Mr. Dr. J. R. R. Tolkien's",
    ] {
        let analysis = analyze(&Input::new(text, &Settings::default()), Options::default());
        for entity in &analysis.entities {
            assert!(text.get(entity.definition.range()).is_some());
            for mention in &entity.mentions {
                assert!(
                    text.get(mention.span.range())
                        .is_some_and(|slice| !slice.is_empty())
                );
            }
        }
    }
}

#[test]
fn the_half_of_the_day_after_a_clock_time_is_not_a_name() {
    let text = "Updated on: 13 December, 2021 10:23 AM IST | Washington\n\nBlinken spoke.\n";
    let found = entities(text, &Settings::default());
    assert!(found.iter().all(|(name, _)| name != "AM"), "{found:?}");
}
