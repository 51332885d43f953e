//! Which names of one article are one person (rules 3, 9 and 11 of [`super`]): a partial name and
//! the full name it is part of, one name spelt two ways or with a nickname, and a name with words
//! glued after it.

use std::collections::{HashMap, HashSet};

use super::{TextToken, eq_ignoring_case, lower, lowercase, same};
use crate::ner::gazetteer::is_initial;
use crate::ner::{Entity, Mention};

/// Returns true if and only if `part` can name the same person as `full`: `part` is a run of `full`'s
/// words that ends at the surname, or is the first word alone, or is `full` minus middle names and
/// initials, but not minus some of its middle initials only: "George W. Bush" is not "George H.
/// W. Bush", his father; or it is `full` with an initial for its first name ("J O'Connor" of a
/// team sheet, "J. O'Connor" of "Johnny O'Connor").
pub(super) fn is_part_of(part: &[String], full: &[String]) -> bool {
    let eq = |a: &String, b: &String| eq_ignoring_case(a, b);
    let initialled = part.len() == full.len()
        && part.len() >= 2
        && is_initial(&part[0])
        && !is_initial(&full[0])
        && full[0].chars().next() == part[0].chars().next()
        && part[1..].iter().zip(&full[1..]).all(|(a, b)| eq(a, b));
    if initialled {
        return true;
    }
    if part.len() >= full.len() || part.is_empty() {
        return false;
    }
    let tail = part
        .iter()
        .rev()
        .zip(full.iter().rev())
        .all(|(a, b)| eq(a, b));
    let first = part.len() == 1 && eq(&part[0], &full[0]);
    let ends = part.len() >= 2
        && eq(&part[0], &full[0])
        && eq(&part[part.len() - 1], &full[full.len() - 1])
        && {
            // Every word of `part` appears in `full` in order.
            let mut it = full.iter();
            part.iter().all(|p| it.any(|f| eq(p, f)))
        }
        && {
            // Middle initials, if `part` gives any, are all of `full`'s.
            let initials = |name: &[String]| -> Vec<String> {
                let middle = name.get(1..name.len() - 1).unwrap_or(&[]);
                middle
                    .iter()
                    .filter(|w| is_initial(w))
                    .map(|w| lower(w))
                    .collect()
            };
            let given = initials(part);
            given.is_empty() || given == initials(full)
        };
    tail || first || ends
}

/// Returns true if and only if `a` and `b` name one person two ways in one article: spelt two ways
/// ([`spelling_variant`]), or the same but for a first name and its nickname ("Bernard Sanders" and
/// "Bernie Sanders", "Nicholas Sandmann" and "Nick Sandmann") or another spelling of it, one the
/// archive compares first names by ("Gary Knowles" and "Garry Knowles", see
/// [`first_name_form`](crate::ner::nicknames::first_name_form)).
pub(super) fn one_name_two_ways(a: &[String], b: &[String]) -> bool {
    use crate::ner::nicknames::{first_name_form, is_nickname_pair};
    spelling_variant(a, b)
        || (a.len() == b.len()
            && a.len() >= 2
            && a[1..]
                .iter()
                .zip(&b[1..])
                .all(|(x, y)| eq_ignoring_case(x, y))
            && (is_nickname_pair(&a[0], &b[0])
                || first_name_form(&lower(&a[0])) == first_name_form(&lower(&b[0]))))
}

/// Returns true if and only if `a` and `b` are one name spelt two ways in one article ("Mohamed
/// Morsi" and "Mohammed Morsi", "Muammar Gaddafi" and "Muammar Qaddafi"): names of two words or
/// more, the same but for one word, and that word one letter apart (one added, dropped or changed)
/// in words of five letters or more, so "Mark" and "Mary" stay two people.
fn spelling_variant(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() || a.len() < 2 {
        return false;
    }
    let mut differing = a.iter().zip(b).filter(|(x, y)| !eq_ignoring_case(x, y));
    let (Some((x, y)), None) = (differing.next(), differing.next()) else {
        return false;
    };
    let (x, y): (Vec<char>, Vec<char>) = (lower(x).chars().collect(), lower(y).chars().collect());
    let letters = |w: &[char]| w.iter().all(|c| c.is_alphabetic());
    if x.len().min(y.len()) < 5 || !letters(&x) || !letters(&y) {
        return false;
    }
    // One edit apart: strip the common prefix and suffix; what is left is at most one letter on
    // each side.
    let prefix = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let suffix = x[prefix..]
        .iter()
        .rev()
        .zip(y[prefix..].iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    x.len() - prefix - suffix <= 1 && y.len() - prefix - suffix <= 1
}

/// Rule 11 on the article's people (full form, entity, confirmed): a person whose full form is a
/// name of two words or more whose last word the article writes on its own for that name (as a
/// one-word name, or as a form of the person of that name), followed by words it never writes on
/// its own, is the person of that name: the entity of that full form if the article has one, else
/// the same entity under the shorter name, joined by the entity of the surname alone when no
/// other person has that surname.
pub(super) fn merge_glued_words(entities: &mut Vec<(Vec<String>, Entity, bool)>) {
    // The one-word forms the article writes, and the one-word names, lowercased; the lowercased
    // one-word forms of each full form of several words.
    let (mut alone, mut one_word) = (HashSet::new(), HashSet::new());
    let mut short_forms: HashMap<Vec<String>, Vec<String>> = HashMap::new();
    for (full, e, _) in entities.iter() {
        let forms = std::iter::once(&e.name).chain(&e.aliases);
        let forms: Vec<String> = forms
            .filter(|f| !f.contains(' '))
            .map(|f| lower(f))
            .collect();
        alone.extend(forms.iter().cloned());
        if full.len() == 1 {
            one_word.insert(lower(&full[0]));
        } else {
            short_forms.insert(lowercase(full), forms);
        }
    }
    let mut i = 0;
    while i < entities.len() {
        let long = lowercase(&entities[i].0);
        // The shorter name's surname is written alone for it ("Paul" of "Rand Paul" says nothing
        // of "John Paul Jones"), and no word after it is written alone.
        let cut = (2..long.len()).find(|&k| {
            let surname = &long[k - 1];
            (one_word.contains(surname)
                || short_forms
                    .get(&long[..k])
                    .is_some_and(|forms| forms.contains(surname)))
                && !long[k..].iter().any(|w| alone.contains(w))
        });
        let Some(k) = cut else {
            i += 1;
            continue;
        };
        let name = entities[i].0[..k].to_vec();
        let surname = vec![name[k - 1].clone()];
        // Where the glued name goes: the person of the shorter name, else itself renamed.
        let target = match entities.iter().position(|(f, _, _)| same(f, &name)) {
            Some(j) => {
                let glued = entities.remove(i);
                let j = if j > i { j - 1 } else { j };
                join(&mut entities[j], glued);
                j
            }
            None => {
                let (full, e, _) = &mut entities[i];
                let old = std::mem::replace(&mut e.name, name.join(" "));
                e.aliases.retain(|a| !eq_ignoring_case(a, &e.name));
                e.aliases.push(old);
                *full = name;
                i += 1;
                i - 1
            }
        };
        // The surname on its own is this person's when no other person has it.
        let shared = entities
            .iter()
            .enumerate()
            .any(|(o, (f, _, _))| o != target && f.len() > 1 && same(&f[f.len() - 1..], &surname));
        if !shared && let Some(s) = entities.iter().position(|(f, _, _)| same(f, &surname)) {
            let alone = entities.remove(s);
            let target = if target > s { target - 1 } else { target };
            if s < i {
                i -= 1;
            }
            join(&mut entities[target], alone);
        }
    }
}

/// Adds `other`'s mentions and forms to `into` (rule 11).
fn join(into: &mut (Vec<String>, Entity, bool), other: (Vec<String>, Entity, bool)) {
    let (_, e, confirmed) = into;
    let (_, other, other_confirmed) = other;
    *confirmed |= other_confirmed;
    for form in std::iter::once(other.name).chain(other.aliases) {
        if !eq_ignoring_case(&form, &e.name) && !e.aliases.contains(&form) {
            e.aliases.push(form);
        }
    }
    e.mentions.extend(other.mentions);
    e.mentions.sort_by_key(|m| (!m.in_headline, m.start));
}

/// Cuts each name written in a heading (of `mentions`: words, mention, in a heading) to the
/// longest name running text writes that it starts with, when the text never writes it whole and
/// the next word is a common word: one running text writes in lower case, or that the news writes
/// mostly so (`is_common_word`). A title-case headline runs the words after a name into it
/// ("Obama Sworn" of "Obama Sworn In for 2nd Term", beside the text's "Obama"; "sworn" is written
/// so in the news, never "Sworn"), and the text's name is the person's. A heading's "Bernie
/// Sanders" beside the text's "Bernie" stays whole.
pub(super) fn cut_heading_glue(
    mentions: &mut [(Vec<String>, Mention, bool)],
    running: &[TextToken<'_>],
    is_common_word: &dyn Fn(&str) -> bool,
) {
    let in_text: HashSet<Vec<String>> = mentions
        .iter()
        .filter(|(_, _, heading)| !heading)
        .map(|(w, _, _)| lowercase(w))
        .collect();
    // Each heading name that starts with a name of the text: where to cut it, and the word there.
    let mut cuts: Vec<(usize, usize, String)> = Vec::new();
    for (i, (words, _, heading)) in mentions.iter().enumerate() {
        let lower = lowercase(words);
        if !*heading || in_text.contains(&lower) {
            continue;
        }
        if let Some(k) = (1..lower.len())
            .rev()
            .find(|&k| in_text.contains(&lower[..k]))
        {
            cuts.push((i, k, lower[k].clone()));
        }
    }
    if cuts.is_empty() {
        return;
    }
    let next_words: HashSet<&str> = cuts.iter().map(|(_, _, w)| w.as_str()).collect();
    let written: HashSet<&str> = running
        .iter()
        .map(|t| t.word)
        .filter(|w| next_words.contains(w))
        .collect();
    for (i, k, next) in &cuts {
        if written.contains(next.as_str()) || is_common_word(next) {
            mentions[*i].0.truncate(*k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::merge_glued_words;
    use crate::ner::testing::*;
    use crate::ner::{Entity, EntityKind, Mention, Recognizer};

    #[test]
    fn words_glued_after_a_name_are_not_part_of_it() {
        // AllSides pages end each link to a politician's page with the link's text: the leader's
        // legal name glued after the name the article uses ("Mitch McConnell Addison (Mitch)
        // Mitchell McConnell"), which the tagger reads as "Mitch McConnell Addison".
        let person = |name: &str, aliases: &[&str], at: usize| {
            let e = Entity {
                name: name.to_string(),
                kind: EntityKind::Person,
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                mentions: vec![Mention {
                    in_headline: false,
                    start: at,
                    end: at + name.len(),
                }],
                attested: false,
            };
            (words(name), e, true)
        };
        let names = |list: &[(Vec<String>, Entity, bool)]| {
            list.iter()
                .map(|(_, e, _)| (e.name.clone(), e.aliases.clone(), e.mentions.len()))
                .collect::<Vec<_>>()
        };
        let glued = || person("Mitch McConnell Addison", &["Mitch"], 900);
        // Beside the name the article uses, whose surname it writes alone: that person.
        let mut list = vec![person("Mitch McConnell", &["McConnell"], 10), glued()];
        merge_glued_words(&mut list);
        let aliases = words("McConnell Mitch_McConnell_Addison Mitch");
        let aliases: Vec<String> = aliases.iter().map(|a| a.replace('_', " ")).collect();
        assert_eq!(names(&list), [("Mitch McConnell".into(), aliases, 2)]);
        // Beside the surname alone: the shorter name, and the surname joins it.
        let mut list = vec![person("McConnell", &[], 10), glued()];
        merge_glued_words(&mut list);
        assert_eq!(list.len(), 1, "{:?}", names(&list));
        assert_eq!(list[0].1.name, "Mitch McConnell");
        assert_eq!(list[0].1.mentions.len(), 2);
        // A surname another person of the article has stays on its own.
        let mut list = vec![
            person("McConnell", &[], 10),
            person("Jane McConnell", &[], 40),
            glued(),
        ];
        merge_glued_words(&mut list);
        let names_now: Vec<&str> = list.iter().map(|(_, e, _)| e.name.as_str()).collect();
        assert_eq!(
            names_now,
            ["McConnell", "Jane McConnell", "Mitch McConnell"]
        );
        // Nothing written alone, or a word written alone for another person: left whole ("Paul"
        // of "Rand Paul" says nothing of "John Paul Jones").
        let mut list = vec![glued()];
        merge_glued_words(&mut list);
        assert_eq!(list[0].1.name, "Mitch McConnell Addison");
        let mut list = vec![
            person("Rand Paul", &["Paul"], 10),
            person("John Paul Jones", &[], 50),
        ];
        merge_glued_words(&mut list);
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].1.name, "John Paul Jones");
        // On the people of an article.
        let p = people(
            "Senate Majority Leader Mitch McConnell spoke on Tuesday. McConnell said the vote \
             would wait.",
        );
        assert_eq!(p[0].0, "Mitch McConnell", "{p:?}");
    }

    #[test]
    fn one_name_spelt_two_ways_is_one_person() {
        // Wikinews, "Global WTO competition for law students won by the University of Melbourne"
        // (CC BY 2.5): the panellist's first name is misspelt in the quote's attribution.
        let p = people(
            "After the two and a half hours of intense debates, the Grand Panel, including \
             Gabrielle Marceau from the WTO Secretariat, Jayashree Watal from the WTO Intellectual \
             Property Division and Werner Zdouc from the WTO Appellate Body Secretariat, announced \
             the winner. \"The ELSA Moot Court gave a timely opportunity to bright, young lawyers,\" \
             said Jatashree Watal, Counsellor, WTO Intellectual Property Division.",
        );
        let watal: Vec<_> = p.iter().filter(|x| x.0.ends_with("Watal")).collect();
        assert_eq!(watal.len(), 1, "{p:?}");
        assert_eq!(watal[0].0, "Jayashree Watal");
        assert_eq!(watal[0].1, 2);
        assert_eq!(watal[0].2, vec!["Jatashree Watal".to_string()]);
        // Wikinews, "29 presumed dead after second explosion at New Zealand mine" (CC BY 2.5):
        // the search's head is "Gary" in one paragraph and "Garry" in another.
        let p = people(
            "New Zealand Gary Knowles, head of the search and rescue operation at the New Zealand \
             Pike River Mine , told media a second explosion has occurred inside the mine. \
             Families and the public began to feel frustration that rescuers had not yet moved \
             into the mine. The search co-ordinator Superintendent Garry Knowles explained that \
             the gas levels in the mine meant that the risk of another explosion was too high to \
             allow entry.",
        );
        let knowles: Vec<_> = p.iter().filter(|x| x.0.ends_with("Knowles")).collect();
        assert_eq!(knowles.len(), 1, "{p:?}");
        // Wikinews, "Irish airline Ryanair shares fall by 12% following profit warning" (CC BY
        // 2.5): a plain apostrophe in the full name, a typographic one in the surname.
        let p = people(
            "There is now a significant chance that profits may decline next year,\" Ryanair CEO \
             Michael O'Leary cautioned. However shrewd, Mr. O’Leary has plans to spend up to 200 \
             million purchasing back shares.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Michael O'Leary");
        assert_eq!(p[0].1, 2);
        // One letter apart in a short word, or two letters apart: two people.
        assert!(!super::spelling_variant(
            &words("Mark Kelly"),
            &words("Mary Kelly")
        ));
        assert!(!super::spelling_variant(
            &words("Mohamed Morsi"),
            &words("Mohamed Mursiy")
        ));
        assert!(super::spelling_variant(
            &words("Muammar Gaddafi"),
            &words("Muammar Qaddafi")
        ));
    }

    /// AllSides stories (research data, skipped where absent) that name one man by his name and
    /// by its nickname: one person each, listed under one name with the other as an alias.
    #[test]
    fn a_name_and_its_nickname_are_one_person() {
        let recognizer = Recognizer::bundled().unwrap();
        for (rel, name, nickname) in [
            (
                "allsides/jsons/904WkFiUQ7KymnQq.json",
                "Nicholas Sandmann",
                "Nick Sandmann",
            ),
            (
                "allsides/jsons/1EZRUFq6N6thAwWA.json",
                "William Barr",
                "Bill Barr",
            ),
        ] {
            let Some(path) = crate::corpus::shared_data(rel) else {
                return;
            };
            let article = crate::corpus::read_file(&path).unwrap().articles.remove(0);
            let e = recognizer.entities(article.headline.as_deref(), &article.body);
            let named = |p: &Entity, n: &str| p.name == n || p.aliases.iter().any(|a| a == n);
            let with_either: Vec<&Entity> = e
                .people
                .iter()
                .filter(|p| named(p, name) || named(p, nickname))
                .collect();
            assert_eq!(with_either.len(), 1, "{rel}: {:?}", e.people);
            assert!(named(with_either[0], name) && named(with_either[0], nickname));
        }
    }

    /// A BBC rugby story (research data) names "Johnny O'Connor" and "Shaun Payne" in its text and
    /// "J O'Connor (Wasps)", "S Payne (Munster)" in the squad it prints; a squad's "G Easterby" is
    /// not the text's Simon Easterby.
    #[test]
    fn an_initial_for_the_first_name_is_the_person_named_in_full() {
        let Some(e) = shared_article("bbc/sport/379.txt") else {
            return;
        };
        let names = names(&e);
        for name in [
            "Johnny O'Connor",
            "Shaun Payne",
            "Simon Easterby",
            "G Easterby",
        ] {
            assert!(names.contains(&name), "{name}: {names:?}");
        }
        for initialled in ["J O'Connor", "S Payne"] {
            assert!(!names.contains(&initialled), "{initialled}: {names:?}");
        }
    }

    /// A title-case heading runs the words after a name into it; the name is the one the text
    /// writes. Wikinews (CC BY 2.5) and an AllSides story (research data, skipped where absent).
    #[test]
    fn words_a_heading_runs_into_a_name_are_no_part_of_it() {
        let recognizer = Recognizer::bundled().unwrap();
        // Wikinews, "MG Rover sold to Nanjing Auto" (whole): a company, whose short name the text
        // uses.
        let e = recognizer.entities(
            Some("MG Rover sold to Nanjing Auto"),
            "Administrators PriceWaterHouseCoopers (PWC) have announced that the British car \
             company MG Rover and its engine manufacturer Powertrain Ltd has been sold to Chinese \
             company Nanjing Automobile for an unknown sum of money. The company beat bids from \
             Shanghai Automotive (SAIC), despite being the smaller of the two. MG Rover collapsed \
             this Spring , after struggling to make a profit for several years. SAIC had tried to \
             buy only the engine plant and then transfer it to China, but in June Nanjing \
             Automobile approached PWC with a combined bid for both the car manufacturing company \
             and Powertrain. This Monday SAIC bid for both but the offer was inferior to \
             Nanjing's. Nanjing has indicated that it too will move the engine production plant to \
             China, along with some car manufacturing. However it also intends to continue \
             building cars in Britain, and establish an engineering research and design centre \
             there in an effort to expand its sales globally. Nanjing intends to start hiring at \
             once.",
        );
        assert!(
            !names(&e).iter().any(|n| n.contains("Auto")),
            "{:?}",
            names(&e)
        );
        // "Obama Sworn In for 2nd Term, This Time Quietly" (The New York Times).
        if let Some(e) = allsides_article("n0ZHBLpeF5WY71SY") {
            let found = names(&e);
            assert!(found.contains(&"Obama"), "{found:?}");
            assert!(!found.iter().any(|n| n.contains("Sworn")), "{found:?}");
        }
    }
}
