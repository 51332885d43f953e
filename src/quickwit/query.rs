//! From what the user typed to a Quickwit query: the query syntax and people-aware expansion of a
//! local search ([`crate::search::query::parse`]), written out in Quickwit's query language under
//! the field names of the Quickwit doc mapping ([`crate::quickwit::config::FIELDS`]).
//!
//! Quickwit parses its query language with tantivy's grammar, so the translation is exact rather
//! than approximate, once two differences are written out: a clause without an operator is required
//! locally (every word of a query must match) but joined by Quickwit's default AND, and optional
//! clauses (`a OR b`) can only be written with `OR` — so required clauses become `+x`, excluded ones
//! `-x`, optional ones an `OR` group (which also matches everything, `*`, when it sits beside
//! required clauses and only adds to the score). A word searched in the default fields becomes the
//! same three-field search a local query runs (`title` boosted 2, `people_words` 1.5, `body`), and
//! filters are required clauses boosted to zero, so that they select without scoring, as local
//! filters do. Dates are not in the query: they go to the search request's `start_timestamp` and
//! `end_timestamp`.

use tantivy::query_grammar::{
    Delimiter, Occur, UserInputAst, UserInputBound, UserInputLeaf, UserInputLiteral,
};

use crate::error::{Error, Result};
use crate::index::names::NameIndex;
use crate::quickwit::config::{FIELDS, Kind};
use crate::search::query::{
    PEOPLE_BOOST, TITLE_BOOST, date_field, only_excluding, parse, unknown_field,
};

/// The local field a query names for a person's exact entry ([`crate::search::query::expand`]
/// writes expansions into it).
const PERSON_FIELD: &str = "person";

/// The Quickwit query for the user's `text` (None for every article), with the person names in
/// it expanded by `names`. Fails with the usage errors of a local search: a query that does not
/// parse, is too long, or names a field articles do not have.
pub fn user_query(text: &str, names: &NameIndex) -> Result<Option<String>> {
    let Some(ast) = parse(text, names, PERSON_FIELD)? else {
        return Ok(None);
    };
    if only_excludes(&ast) {
        return Err(only_excluding(text.trim()));
    }
    let mut out = String::new();
    write_ast(&ast, text.trim(), &mut out)?;
    Ok(Some(out))
}

/// The whole query of a search: the user's query (None for every article) and the filters
/// (Quickwit queries that must hold), each a required clause; `*` when there is neither.
pub fn combined(user: Option<&str>, filters: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(user) = user {
        parts.push(format!("+({user})"));
    }
    // A filter selects without scoring, as local filters do.
    parts.extend(filters.iter().map(|f| format!("+({f})^0")));
    if parts.is_empty() {
        "*".to_string()
    } else {
        parts.join(" ")
    }
}

/// The Quickwit query matching articles whose `field` (a Quickwit field of exact values) holds
/// any of `values`.
pub fn any_value(field: &str, values: &[&str]) -> String {
    let terms: Vec<String> = values
        .iter()
        .map(|v| format!("{field}:{}", quoted(v)))
        .collect();
    terms.join(" OR ")
}

/// Returns `text` as a quoted Quickwit phrase, `"` and `\` escaped.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Returns `text` as one unquoted word of the query language: every character the grammar gives
/// a meaning escaped with a backslash.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() || "+-&|!(){}[]^\"~*?:\\/'<>=".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The Quickwit field a query's `local` field name stands for. Fails with the usage error of a
/// local search for a field articles do not have or the date.
fn field(local: &str, text: &str) -> Result<&'static str> {
    if local == "date" {
        return Err(date_field(text));
    }
    FIELDS
        .iter()
        .find(|f| {
            f.local == local && f.indexed && matches!(f.kind, Kind::Text(_) | Kind::TextArray(_))
        })
        .map(|f| f.name)
        .ok_or_else(|| unknown_field(text, local))
}

/// The Quickwit field of a query form that must name one (`what`, written as in `example`): a
/// usage error when it names none.
fn named(name: &Option<String>, text: &str, what: &str, example: &str) -> Result<&'static str> {
    let name = name.as_deref().ok_or_else(|| {
        Error::usage(format!(
            "cannot run the query {text:?}: {what} needs a field, such as {example}"
        ))
    })?;
    field(name, text)
}

/// Writes `ast` in Quickwit's query language; `text` is the query as typed, for errors.
///
/// A clause keeps the meaning the local parser gives it ([`Occur`] `None` is required there, as
/// every word of a query is), written so that Quickwit, whose own default joins bare clauses with
/// AND, reads the same: required clauses `+x`, excluded ones `-x`, and optional ones joined by `OR` —
/// alone, at least one of them must match; beside required clauses they only add to the score,
/// written as one group that also matches everything: `+a (b OR c OR *)`.
fn write_ast(ast: &UserInputAst, text: &str, out: &mut String) -> Result<()> {
    match ast {
        UserInputAst::Clause(clauses) => {
            let required = |o: &Option<Occur>| matches!(o, None | Some(Occur::Must));
            let any_required = clauses.iter().any(|(o, _)| required(o));
            let mut parts: Vec<String> = Vec::new();
            let mut optional: Vec<String> = Vec::new();
            for (occur, child) in clauses {
                // An optional clause that only excludes matches nothing locally ("a OR -b" is
                // "a"); Quickwit would take it for everything but `b`.
                if *occur == Some(Occur::Should) && only_excludes(child) {
                    continue;
                }
                let mut part = String::new();
                write_ast(child, text, &mut part)?;
                match occur {
                    None | Some(Occur::Must) => parts.push(format!("+{part}")),
                    Some(Occur::MustNot) => parts.push(format!("-{part}")),
                    Some(Occur::Should) => optional.push(part),
                }
            }
            if !optional.is_empty() {
                if any_required {
                    optional.push("*".to_string());
                }
                let group = format!("({})", optional.join(" OR "));
                if parts.is_empty() {
                    // The clause is the group.
                    out.push_str(&group);
                    return Ok(());
                }
                parts.insert(0, group);
            }
            out.push('(');
            out.push_str(&parts.join(" "));
            out.push(')');
        }
        UserInputAst::Boost(inner, boost) => {
            out.push('(');
            write_ast(inner, text, out)?;
            out.push_str(&format!(")^{}", boost.0));
        }
        UserInputAst::Leaf(leaf) => write_leaf(leaf, text, out)?,
    }
    Ok(())
}

/// Returns true if and only if `ast` only excludes (every clause `-x`, or itself only excluding):
/// a query the local parser refuses.
fn only_excludes(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Leaf(_) => false,
        UserInputAst::Boost(inner, _) => only_excludes(inner),
        UserInputAst::Clause(clauses) => clauses
            .iter()
            .all(|(occur, child)| *occur == Some(Occur::MustNot) || only_excludes(child)),
    }
}

fn write_leaf(leaf: &UserInputLeaf, text: &str, out: &mut String) -> Result<()> {
    match leaf {
        UserInputLeaf::Literal(literal) => match &literal.field_name {
            Some(name) => {
                out.push_str(field(name, text)?);
                out.push(':');
                out.push_str(&value(literal));
            }
            None => {
                // The default fields, weighted as a local search weighs them.
                let v = value(literal);
                out.push_str(&format!(
                    "(title:{v}^{TITLE_BOOST} OR people_words:{v}^{PEOPLE_BOOST} OR body:{v})"
                ));
            }
        },
        UserInputLeaf::All => out.push('*'),
        UserInputLeaf::Range {
            field: name,
            lower,
            upper,
        } => {
            out.push_str(named(name, text, "a range", "month:[2024-01 TO 2024-06]")?);
            out.push(':');
            out.push(match lower {
                UserInputBound::Inclusive(_) => '[',
                _ => '{',
            });
            out.push_str(&bound(lower));
            out.push_str(" TO ");
            out.push_str(&bound(upper));
            out.push(match upper {
                UserInputBound::Inclusive(_) => ']',
                _ => '}',
            });
        }
        UserInputLeaf::Set {
            field: name,
            elements,
        } => {
            let name = named(name, text, "IN [...]", "source: IN [bbc reuters]")?;
            let values: Vec<String> = elements.iter().map(|e| escaped(e)).collect();
            out.push_str(&format!("{name}: IN [{}]", values.join(" ")));
        }
        UserInputLeaf::Exists { field: name } => {
            out.push_str(field(name, text)?);
            out.push_str(":*");
        }
        UserInputLeaf::Regex {
            field: name,
            pattern,
        } => {
            if let Some(name) = name {
                out.push_str(field(name, text)?);
                out.push(':');
            }
            out.push('/');
            out.push_str(pattern);
            out.push('/');
        }
    }
    Ok(())
}

/// A literal's value: quoted (a quoted single word is the same term as the word), with its slop,
/// or a prefix.
fn value(literal: &UserInputLiteral) -> String {
    let UserInputLiteral {
        phrase,
        delimiter,
        slop,
        prefix,
        ..
    } = literal;
    if *prefix && *delimiter == Delimiter::None {
        return format!("{}*", escaped(phrase));
    }
    let mut v = quoted(phrase);
    if *slop > 0 {
        v.push_str(&format!("~{slop}"));
    } else if *prefix {
        v.push('*');
    }
    v
}

fn bound(b: &UserInputBound) -> String {
    match b {
        UserInputBound::Inclusive(v) | UserInputBound::Exclusive(v) => escaped(v),
        UserInputBound::Unbounded => "*".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> NameIndex {
        let names: Vec<String> = ["Marco Rubio", "Sergey Lavrov", "Vladimir Putin", "Putin"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        NameIndex::new(&names, &[10, 8, 6, 2])
    }

    fn q(text: &str) -> String {
        user_query(text, &names()).unwrap().unwrap()
    }

    const LAVROV: &str = "(title:\"lavrov\"^2 OR people_words:\"lavrov\"^1.5 OR body:\"lavrov\")";

    #[test]
    fn everything_is_no_query() {
        assert_eq!(user_query("  ", &names()).unwrap(), None);
        assert_eq!(user_query("*", &names()).unwrap(), None);
        assert_eq!(combined(None, &[]), "*");
    }

    #[test]
    fn words_are_required_and_searched_in_the_default_fields_with_their_weights() {
        assert_eq!(
            q("sanctions talks"),
            "(+(title:\"sanctions\"^2 OR people_words:\"sanctions\"^1.5 OR body:\"sanctions\") \
             +(title:\"talks\"^2 OR people_words:\"talks\"^1.5 OR body:\"talks\"))"
        );
    }

    #[test]
    fn a_surname_also_matches_the_persons_exact_entry_boosted() {
        assert_eq!(
            q("lavrov"),
            format!("(+({LAVROV} OR (people:\"Sergey Lavrov\")^1.5))")
        );
    }

    #[test]
    fn operators_phrases_prefixes_and_fields_are_kept() {
        let t = q("\"peace talks\"~2 -oil source:bbc month:[2024-01 TO 2024-06} \"sanctions ta\"*");
        assert!(t.contains("\"peace talks\"~2"), "{t}");
        assert!(t.contains("-(title:\"oil\"^2"), "{t}");
        assert!(t.contains("source:\"bbc\""), "{t}");
        assert!(t.contains("month:[2024\\-01 TO 2024\\-06}"), "{t}");
        assert!(t.contains("title:\"sanctions ta\"*^2"), "{t}");
    }

    #[test]
    fn or_keeps_its_meaning_under_quickwits_default_and() {
        // "sanctions OR talks": one of them; "oil sanctions OR talks" (tantivy: oil required, the
        // others optional): oil, scored higher with either.
        let s = "(title:\"sanctions\"^2 OR people_words:\"sanctions\"^1.5 OR body:\"sanctions\")";
        let t = "(title:\"talks\"^2 OR people_words:\"talks\"^1.5 OR body:\"talks\")";
        let o = "(title:\"oil\"^2 OR people_words:\"oil\"^1.5 OR body:\"oil\")";
        assert_eq!(q("sanctions OR talks"), format!("({s} OR {t})"));
        assert_eq!(
            q("oil sanctions OR talks"),
            format!("(({s} OR {t} OR *) +{o})")
        );
        // An optional clause that only excludes matches nothing, as locally.
        assert_eq!(q("oil OR -talks"), format!("({o})"));
        // A query that only excludes is the local usage error.
        let err = user_query("-oil", &names()).unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("Only excluding"), "{err}");
    }

    #[test]
    fn the_people_field_names_map_to_the_quickwit_fields() {
        assert_eq!(q("person:\"Marco Rubio\""), "(+people:\"Marco Rubio\")");
        assert_eq!(q("people:rubio"), "(+people_words:\"rubio\")");
        assert_eq!(q("place:Paris"), "(+places:\"Paris\")");
        assert_eq!(q("organisations:nato"), "(+organisations_words:\"nato\")");
    }

    #[test]
    fn unknown_fields_and_dates_are_the_usage_errors_of_a_local_search() {
        let err = user_query("colour:red", &names()).unwrap_err();
        assert_eq!(err.code(), Error::USAGE);
        assert!(err.to_string().contains("\"colour\""), "{err}");
        let err = user_query("date:2024", &names()).unwrap_err();
        assert!(err.to_string().contains("--since"), "{err}");
        assert_eq!(
            user_query("(((", &names()).unwrap_err().code(),
            Error::USAGE
        );
    }

    #[test]
    fn filters_select_without_scoring_and_values_are_escaped() {
        let filter = any_value("people", &["Sergey Lavrov", "Sergei \"the\" Lavrov"]);
        assert_eq!(
            filter,
            "people:\"Sergey Lavrov\" OR people:\"Sergei \\\"the\\\" Lavrov\""
        );
        assert_eq!(
            combined(Some("(+x)"), std::slice::from_ref(&filter)),
            format!("+((+x)) +({filter})^0")
        );
    }
}
