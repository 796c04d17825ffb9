//! Code queries written as text, for the command line (`margin retrieve --query`), the
//! retrieval tab and saved queries: `Identity AND (Hope OR NOT Stigma) AND NEAR 50 Fear`.
//!
//! The first term names the codes retrieved (one, or several in parentheses joined by `OR`);
//! each term after an `AND` is a condition on the passage, or several in parentheses joined by
//! `OR` of which one must hold:
//! - `B`: the passage is also coded B (overlaps a coding of B);
//! - `NOT B`: it shares no character with a coding of B;
//! - `NEAR n B`: a coding of B lies within n characters; `NEAR n TURNS B` within n speaker
//!   turns or chat messages.
//!
//! Code names are written as they are (spaces allowed), as a path `Parent / Child`, or in
//! double quotes when they hold a keyword or a parenthesis; a `*` after a name takes its
//! sub-codes too. Keywords are upper case, so a code may be called "and"; a Chinese team may
//! write them 并且, 或者, 不含, 相距 and 段. This is conjunctive normal form over the retrieval's
//! conditions ([`RetrievalQuery::any_of`]).

use super::error::AnalysisError;
use super::names;
use super::retrieve::{CodeSelection, Combination, Proximity, RetrievalQuery};
use crate::model::Project;

/// A word of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    And,
    Or,
    Not,
    Near,
    Turns,
    Open,
    Close,
    Star,
    /// A number (after NEAR).
    Number(usize),
    /// A word of a code's name, or a quoted name whole.
    Word(String, bool),
}

fn tokens(text: &str) -> Result<Vec<Token>, AnalysisError> {
    let bad = |why: String| AnalysisError::BadQuery(format!("{text:?}: {why}"));
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | '（' => {
                // A parenthesis right after a name, holding no keyword, is part of the name:
                // `graduate (毕业)`.
                let rest = &text[i + c.len_utf8()..];
                if let Some(end) = rest.find([')', '）'])
                    && matches!(out.last(), Some(Token::Word(_, false)))
                {
                    let inside = &rest[..end];
                    let keyword = |w: &str| {
                        ["AND", "OR", "NOT", "NEAR", "并且", "或者", "不含", "相距"].contains(&w)
                    };
                    if !inside.contains(['(', '（']) && !inside.split_whitespace().any(keyword) {
                        let close = rest[end..].chars().next().map_or(1, char::len_utf8);
                        let raw = &text[i..i + c.len_utf8() + end + close];
                        if let Some(Token::Word(name, _)) = out.last_mut() {
                            name.push(' ');
                            name.push_str(raw);
                        }
                        let past = i + raw.len();
                        while chars.peek().is_some_and(|&(j, _)| j < past) {
                            chars.next();
                        }
                        continue;
                    }
                }
                chars.next();
                out.push(Token::Open);
            }
            ')' | '）' => {
                chars.next();
                out.push(Token::Close);
            }
            '*' => {
                chars.next();
                out.push(Token::Star);
            }
            '"' | '“' => {
                chars.next();
                let close = if c == '"' { '"' } else { '”' };
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some((_, ch)) if ch == close => break,
                        Some((_, ch)) => name.push(ch),
                        None => {
                            return Err(bad(format!("the quote at character {i} is not closed")));
                        }
                    }
                }
                out.push(Token::Word(name, true));
            }
            _ => {
                let mut word = String::new();
                while let Some(&(_, ch)) = chars.peek() {
                    if ch.is_whitespace() || "()（）*\"“".contains(ch) {
                        break;
                    }
                    word.push(ch);
                    chars.next();
                }
                out.push(match word.as_str() {
                    "AND" | "并且" => Token::And,
                    "OR" | "或者" => Token::Or,
                    "NOT" | "不含" => Token::Not,
                    "NEAR" | "相距" => Token::Near,
                    "TURNS" | "段" => Token::Turns,
                    w => match w.parse::<usize>() {
                        Ok(n) if out.last() == Some(&Token::Near) => Token::Number(n),
                        _ => Token::Word(word, false),
                    },
                });
            }
        }
    }
    Ok(out)
}

/// A code as written: its name and whether its sub-codes count.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Named {
    name: String,
    subcodes: bool,
}

/// A condition as written.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Atom {
    Also(Named),
    Not(Named),
    Near(usize, bool, Named),
}

struct Parser<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    at: usize,
}

impl Parser<'_> {
    fn bad(&self, why: &str) -> AnalysisError {
        AnalysisError::BadQuery(format!("{:?}: {why}", self.text))
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn eat(&mut self, t: &Token) -> bool {
        if self.peek() == Some(t) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// A code's name: its words up to a keyword or a parenthesis, and an optional `*`.
    fn name(&mut self) -> Result<Named, AnalysisError> {
        let mut words = Vec::new();
        while let Some(Token::Word(w, quoted)) = self.peek().cloned() {
            if quoted && !words.is_empty() {
                break;
            }
            words.push(w);
            self.at += 1;
            if quoted {
                break;
            }
        }
        if words.is_empty() {
            return Err(self.bad("a code's name is missing"));
        }
        let subcodes = self.eat(&Token::Star);
        Ok(Named {
            name: words.join(" "),
            subcodes,
        })
    }

    fn atom(&mut self) -> Result<Atom, AnalysisError> {
        if self.eat(&Token::Not) {
            return Ok(Atom::Not(self.name()?));
        }
        if self.eat(&Token::Near) {
            let Some(Token::Number(n)) = self.peek().cloned() else {
                return Err(self.bad("NEAR needs a number: NEAR 50 Code, NEAR 2 TURNS Code"));
            };
            self.at += 1;
            let turns = self.eat(&Token::Turns);
            return Ok(Atom::Near(n, turns, self.name()?));
        }
        Ok(Atom::Also(self.name()?))
    }

    /// One term: an item, or items in parentheses joined by OR.
    fn term<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<T, AnalysisError>,
    ) -> Result<Vec<T>, AnalysisError> {
        if !self.eat(&Token::Open) {
            return Ok(vec![item(self)?]);
        }
        let mut items = vec![item(self)?];
        while self.eat(&Token::Or) {
            items.push(item(self)?);
        }
        if !self.eat(&Token::Close) {
            return Err(
                self.bad("a parenthesis holds codes joined by OR, then closes: A AND (B OR C)")
            );
        }
        Ok(items)
    }
}

/// A query as written, its names not yet looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Parsed {
    codes: Vec<Named>,
    groups: Vec<Vec<Atom>>,
}

fn parse(text: &str) -> Result<Parsed, AnalysisError> {
    let mut p = Parser {
        text,
        tokens: tokens(text)?,
        at: 0,
    };
    if p.tokens.is_empty() {
        return Err(p.bad("the query is empty"));
    }
    let codes = p.term(Parser::name)?;
    let mut groups = Vec::new();
    while p.eat(&Token::And) {
        groups.push(p.term(Parser::atom)?);
    }
    if let Some(t) = p.peek() {
        let why = match t {
            Token::Or => "OR joins codes inside parentheses: (A OR B) AND C, A AND (B OR C)",
            _ => "terms are joined by AND: A AND (B OR C) AND NOT D",
        };
        return Err(p.bad(why));
    }
    Ok(Parsed { codes, groups })
}

/// The retrieval `text` asks for, its codes looked up in `project`: [`RetrievalQuery::code`],
/// `or_codes`, `combinations` (the lone conditions) and `any_of` (the groups); the rest of
/// `base` (filters, context) is kept.
pub fn parse_query(
    project: &Project,
    text: &str,
    base: RetrievalQuery,
) -> Result<RetrievalQuery, AnalysisError> {
    let parsed = parse(text)?;
    let select = |n: &Named| -> Result<CodeSelection, AnalysisError> {
        Ok(CodeSelection {
            code: names::code(project, &n.name)?,
            with_subcodes: n.subcodes,
        })
    };
    let combination = |a: &Atom| -> Result<Combination, AnalysisError> {
        Ok(match a {
            Atom::Also(n) => Combination::Overlapping(select(n)?),
            Atom::Not(n) => Combination::NotOverlapping(select(n)?),
            Atom::Near(k, turns, n) => Combination::Near {
                code: select(n)?,
                within: if *turns {
                    Proximity::Segments(*k)
                } else {
                    Proximity::Characters(*k)
                },
            },
        })
    };
    let mut codes = parsed.codes.iter().map(select);
    let code = codes.next().transpose()?;
    let or_codes = codes.collect::<Result<Vec<_>, _>>()?;
    let mut combinations = Vec::new();
    let mut any_of = Vec::new();
    for group in &parsed.groups {
        let group = group
            .iter()
            .map(combination)
            .collect::<Result<Vec<_>, _>>()?;
        match group.as_slice() {
            [one] => combinations.push(*one),
            _ => any_of.push(group),
        }
    }
    Ok(RetrievalQuery {
        code,
        or_codes,
        combinations,
        any_of,
        ..base
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn named(name: &str, subcodes: bool) -> Named {
        Named {
            name: name.into(),
            subcodes,
        }
    }

    #[test]
    fn names_with_spaces_paths_quotes_and_subcodes() {
        let p = parse("Identity construction / Self-transition* AND (Emotional arousal OR NOT \"AND then\") AND NEAR 2 TURNS 留级").unwrap();
        assert_eq!(
            p.codes,
            [named("Identity construction / Self-transition", true)]
        );
        assert_eq!(
            p.groups,
            [
                vec![
                    Atom::Also(named("Emotional arousal", false)),
                    Atom::Not(named("AND then", false))
                ],
                vec![Atom::Near(2, true, named("留级", false))],
            ]
        );
        let p = parse("repeat a grade (留级) AND (graduate （毕业） OR CR)").unwrap();
        assert_eq!(p.codes, [named("repeat a grade (留级)", false)]);
        assert_eq!(
            p.groups,
            [vec![
                Atom::Also(named("graduate （毕业）", false)),
                Atom::Also(named("CR", false))
            ]]
        );
        let p = parse("身份建构* 并且 （情感唤起 或者 不含 污名） 并且 相距 2 段 留级").unwrap();
        assert_eq!(p.codes, [named("身份建构", true)]);
        assert_eq!(
            p.groups,
            [
                vec![
                    Atom::Also(named("情感唤起", false)),
                    Atom::Not(named("污名", false))
                ],
                vec![Atom::Near(2, true, named("留级", false))],
            ]
        );
        let p = parse("（A OR B） AND NEAR 40 C").unwrap();
        assert_eq!(p.codes, [named("A", false), named("B", false)]);
        assert_eq!(p.groups, [vec![Atom::Near(40, false, named("C", false))]]);
    }

    #[test]
    fn mistakes_say_what_is_expected() {
        for (text, says) in [
            ("", "empty"),
            ("A AND", "name is missing"),
            ("A OR B", "OR joins codes inside parentheses"),
            ("A AND (B OR C", "then closes"),
            ("A AND NEAR B", "NEAR needs a number"),
            ("A AND \"B", "not closed"),
            ("A B ) C", "joined by AND"),
        ] {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains(says), "{text:?}: {err}");
        }
    }
}
