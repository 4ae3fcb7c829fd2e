//! Cues in the words around one name that it is no person's, though not which other kind it is
//! (the words are data in `lexicon/non_person_cues.txt`): a post held at it by a named person
//! ("Gartner's principal analyst Kobita Desai"), a post or a job at it ("a research director at
//! analyst Gartner"), a piece of research it wrote ("a study by Gartner"), or "its" referring
//! back to it as the subject of a verb of saying ("Peugeot warned that its profits may fall").
//! A firm's one-word name is read as a surname by the tagger; these say otherwise. What it is
//! instead is a place when the gazetteers list the name as one ("Georgia's president Mikhail
//! Saakashvili"), else an organisation, whatever else the tagger read (a new firm's name is
//! often read as a town too); a place the tagger read as one ("Britain's finance minister
//! Gordon Brown") stays a place.
//!
//! It knows only the text around one name; which cluster the cue counts for, and which kind the
//! cluster takes instead of a person, is the caller's.

use crate::entities::EntityKind;
use crate::entities::lexicon::{LEXICON, class};
use crate::entities::model::{is_given_name, is_listed_country};
use crate::span::Span;

/// Lower-case words read between a possessive name and its post ("Gartner's principal
/// analyst"): a post of a few words.
const POST_WORDS: usize = 3;

/// The kind `name` is instead of a person, when the words around it say it is no person: a
/// place when the gazetteers list it as one ("Georgia's president Mikhail Saakashvili"), else
/// an organisation.
pub(super) fn kind_instead_of_a_person(text: &str, name: Span) -> Option<EntityKind> {
    let (before, after, name) = (
        text.get(..name.start)?,
        text.get(name.end..)?,
        text.get(name.start..name.end)?,
    );
    let no_person = possesses_a_post(after)
        || is_a_workplace(before, after)
        || wrote_research(before, name)
        || is_referred_to_by_its(after);
    if !no_person {
        return None;
    }
    Some(if is_a_listed_place(name) {
        EntityKind::Place
    } else {
        EntityKind::Org
    })
}

/// Whether the gazetteers list `name` as a place: the hand-written one, or the large list of
/// countries for a one-word name. Not the large list of towns, which holds many firms' names
/// ("Jupiter", Florida, and Jupiter Research).
fn is_a_listed_place(name: &str) -> bool {
    LEXICON.classes(&name.to_lowercase()) & class::PLACE != 0
        || (!name.contains(' ') && is_listed_country(name))
}

/// "Gartner's principal analyst Kobita Desai", "Oracle's chief executive Larry Ellison": the
/// name possesses a post that a named person holds (`after` is the text after the name).
fn possesses_a_post(after: &str) -> bool {
    let Some(rest) = after
        .strip_prefix("'s ")
        .or_else(|| after.strip_prefix("’s "))
    else {
        return false;
    };
    let mut last_lower = None;
    for word in rest.split(' ').take(POST_WORDS + 1) {
        if word.starts_with(|c: char| c.is_uppercase()) {
            return last_lower.is_some_and(|post| LEXICON.posts.contains(post));
        }
        if !word.chars().all(|c| c.is_ascii_lowercase() || c == '-') || word.is_empty() {
            return false;
        }
        last_lower = Some(word);
    }
    false
}

/// "a research director at analyst Gartner", "works at Gartner", "economists at Barclays": a
/// post, a job or working before "at", with at most one word (a descriptor, "rival") between
/// "at" and the name. A name possessing something after it is not the workplace ("worked at
/// Blair's side").
fn is_a_workplace(before: &str, after: &str) -> bool {
    if after.starts_with("'s") || after.starts_with("’s") {
        return false;
    }
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let before_at = before.strip_suffix(" at").or_else(|| {
        let modifier_start = before.trim_end_matches(|c: char| c.is_ascii_lowercase());
        if modifier_start.len() == before.len() {
            return None;
        }
        modifier_start.strip_suffix(" at ")
    });
    let Some(before_at) = before_at else {
        return false;
    };
    let post = last_word(before_at);
    LEXICON.posts_before_at.contains(post)
        || post
            .strip_suffix('s')
            .is_some_and(|singular| LEXICON.posts_before_at.contains(singular))
}

/// "A separate study by Gartner", "a survey by Earthlink": the author of a piece of research,
/// unless named by a given name ("a study by John Smith"), is a firm.
fn wrote_research(before: &str, name: &str) -> bool {
    let Some(before_by) = before.strip_suffix(" by ") else {
        return false;
    };
    let work = last_word(before_by);
    let listed = LEXICON.research_works.contains(work)
        || work
            .strip_suffix('s')
            .is_some_and(|singular| LEXICON.research_works.contains(singular));
    let first_word = name.split(' ').next().unwrap_or(name);
    listed && !is_given_name(first_word) && LEXICON.first_name_gender(first_word).is_none()
}

/// "Peugeot warned that its profits may fall", "Yukos said its output rose": "its" right
/// after a verb of saying refers back to the name that is the verb's subject.
fn is_referred_to_by_its(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let Some((verb, rest)) = rest.split_once(' ') else {
        return false;
    };
    // The words after the verb first: most names are followed by no "its".
    (rest.starts_with("its ") || rest.starts_with("that its "))
        && LEXICON.verbs_before_its.contains(verb)
}

/// The last space-separated word of `text`.
fn last_word(text: &str) -> &str {
    &text[text.rfind(' ').map_or(0, |space| space + 1)..]
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn a_post_held_at_a_name_says_it_is_no_person() {
        // One-word firms the tagger reads as surnames, and a place it reads as a place: the
        // possessor of a post held by a named person is a firm, or stays the place it was
        // read as. A person's own publicist, and a post before no named holder, say nothing.
        let (entities, _) = render(
            "The deal is good, said [Forrester|PER]'s senior analyst [Ann Lee|PER]. \
             [Britain|LOC]'s finance minister [Gordon Brown|PER] agreed. [Kidman|PER]'s \
             publicist [Jo Hill|PER] spoke, as did [Mills|PER]'s chief executive. \
             [Tom Ray|PER], a sales director at rival [Zentek|PER], and [Sam Cole|PER], who \
             works at [Vantor|PER], met. He looked at [Blair|PER] and worked at [Hart|PER]'s \
             side. [Georgia|PER]'s president [Mikhail Saakashvili|PER] spoke. A sales director \
             at [Quillbox|PER] and the head at [Quillbox|LOC] agreed, as did a director at \
             [Jupiter|PER].",
        );
        assert_eq!(
            entities,
            vec![
                "ORG Forrester = *Forrester",
                "PERSON Ann Lee = *Ann Lee",
                "PLACE Britain = *Britain",
                "PERSON Gordon Brown (finance minister) = *Gordon Brown",
                "PERSON Kidman = *Kidman",
                "PERSON Jo Hill = *Jo Hill",
                "PERSON Mills = *Mills",
                "PERSON Tom Ray = *Tom Ray",
                "ORG Zentek = *Zentek",
                "PERSON Sam Cole = *Sam Cole",
                "ORG Vantor = *Vantor",
                "PERSON Blair = *Blair",
                "PERSON Hart = *Hart",
                "PLACE Georgia = *Georgia",
                "PERSON Mikhail Saakashvili (president) = *Mikhail Saakashvili",
                "ORG Quillbox = *Quillbox | Quillbox",
                "ORG Jupiter = *Jupiter",
            ]
        );
    }

    #[test]
    fn research_by_a_name_and_its_after_a_verb_of_saying_say_it_is_no_person() {
        // Each cue counts for the whole entity, however often the tagger read it as a person;
        // research by a given name's bearer is a person's, and "its" after another word than a
        // verb of saying (or with no verb before it) says nothing of the name.
        let (entities, _) = render(
            "A new study by [Halvorsen|PER] says sales will fall. [Halvorsen|PER] expects \
             losses. A survey by [John Kay|PER] agreed. [Renault|PER] warned that its profits \
             may fall, and [Marlow|PER] was its best player. [Mr Kane|PER] quoted its figures.",
        );
        assert_eq!(
            entities,
            vec![
                "ORG Halvorsen = *Halvorsen | Halvorsen",
                "PERSON John Kay = *John Kay",
                "ORG Renault = *Renault",
                "PERSON Marlow = *Marlow",
                "PERSON Mr Kane = *Mr Kane",
            ]
        );
    }

    #[test]
    fn a_persons_full_name_outweighs_a_cue_around_a_name_alone() {
        // A politician's staff are posts held at a person: with her full name in the article,
        // "Clinton's campaign chairman John Podesta" leaves her a person, whether the full name
        // comes before the cue or after it.
        for (text, clinton) in [
            (
                "[Hillary Clinton|PER] spoke. [Clinton|PER]'s campaign chairman [John Podesta|PER] \
                 agreed.",
                "PERSON Hillary Clinton = *Hillary Clinton | Clinton",
            ),
            (
                "[Clinton|PER]'s campaign chairman [John Podesta|PER] agreed. [Hillary Clinton|PER] \
                 spoke.",
                "PERSON Hillary Clinton = Clinton | *Hillary Clinton",
            ),
        ] {
            let (mut entities, _) = render(text);
            entities.sort();
            assert_eq!(
                entities,
                vec![clinton, "PERSON John Podesta (chairman) = *John Podesta"],
                "{text}"
            );
        }
    }
}
