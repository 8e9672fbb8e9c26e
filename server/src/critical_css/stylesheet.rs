//! The site's stylesheet as a list of rules, each with what its selectors
//! need in a page (classes, ids, element names), so the rules one page can
//! use are picked without matching selectors against a document.
//!
//! The test is deliberately loose: a selector "may match" when every class,
//! id and element name it names outside parentheses and brackets is in the
//! page. Pseudo-classes, attribute selectors, combinators and what is inside
//! `:not()`, `:is()`, `:where()` and `:has()` are not checked, so a rule is
//! kept whenever it could apply, and sometimes when it cannot. Kept too much
//! costs bytes; dropped too much would restyle the page when the whole
//! stylesheet arrives.

use cssparser::{Parser, Token};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// What one page contains that selectors can name.
#[derive(Debug, Default)]
pub struct PageTokens<'h> {
    pub classes: FxHashSet<&'h str>,
    pub ids: FxHashSet<&'h str>,
    /// Element names, as written in the page (lower case in ours).
    pub tags: FxHashSet<&'h str>,
}

/// A parsed stylesheet, ready to give the rules a page may use.
#[derive(Debug)]
pub struct Stylesheet {
    css: String,
    items: Vec<Item>,
    names: Names,
}

/// Every class, id and element name the selectors use, numbered: a page's
/// names become a list of yes/no by number, and a selector's needs are
/// numbers to look up in it (cheaper than hashing each name per rule).
#[derive(Debug, Default)]
struct Names {
    classes: FxHashMap<String, usize>,
    ids: FxHashMap<String, usize>,
    tags: FxHashMap<String, usize>,
}

#[derive(Clone, Copy)]
enum Kind {
    Class,
    Id,
    Tag,
}

impl Names {
    /// How many names are numbered (numbers run from 0).
    fn count(&self) -> usize {
        self.classes.len() + self.ids.len() + self.tags.len()
    }

    fn number(&mut self, kind: Kind, name: String) -> usize {
        let next = self.count();
        let map = match kind {
            Kind::Class => &mut self.classes,
            Kind::Id => &mut self.ids,
            Kind::Tag => &mut self.tags,
        };
        *map.entry(name).or_insert(next)
    }

    /// Which of the numbered names `page` has.
    fn present_in(&self, page: &PageTokens) -> Vec<bool> {
        let mut present = vec![false; self.count()];
        let mut mark = |map: &FxHashMap<String, usize>, names: &FxHashSet<&str>| {
            for name in names {
                if let Some(&number) = map.get(*name) {
                    present[number] = true;
                }
            }
        };
        mark(&self.classes, &page.classes);
        mark(&self.ids, &page.ids);
        mark(&self.tags, &page.tags);
        present
    }
}

#[derive(Debug)]
enum Item {
    /// A style rule: its text, and one entry per selector in its list.
    Style {
        text: Range<usize>,
        selectors: Vec<Needs>,
    },
    /// `@media`, `@supports`, `@container`, `@layer`: the text up to and
    /// including `{`, and the rules inside.
    Group {
        head: Range<usize>,
        items: Vec<Item>,
    },
    /// Any other at-rule (`@font-face`, `@keyframes`, `@import`…): kept whole.
    Always(Range<usize>),
}

/// What one selector needs in the page to possibly match: the numbers of
/// its classes, ids and element names.
#[derive(Debug, Default)]
struct Needs {
    names: Vec<usize>,
    /// It holds something this reading does not understand: kept always.
    unsure: bool,
}

impl Needs {
    fn met_by(&self, present: &[bool]) -> bool {
        self.unsure || self.names.iter().all(|&n| present[n])
    }
}

impl Stylesheet {
    pub fn parse(css: String) -> Stylesheet {
        let mut names = Names::default();
        let items = parse_items(&mut Parser::new(&css), &mut names);
        Stylesheet { css, items, names }
    }

    /// The rules `page` may use, in the stylesheet's order, inside the
    /// groups (`@media`…) they were in.
    pub fn for_page(&self, page: &PageTokens) -> String {
        let present = self.names.present_in(page);
        let mut out = String::with_capacity(self.css.len() / 2);
        write_items(&self.css, &self.items, &present, &mut out);
        out
    }
}

/// Writes the items `page` may use; true when it wrote any.
fn write_items(css: &str, items: &[Item], present: &[bool], out: &mut String) -> bool {
    let mut wrote = false;
    for item in items {
        match item {
            Item::Style { text, selectors } => {
                if selectors.iter().any(|s| s.met_by(present)) {
                    out.push_str(&css[text.clone()]);
                    wrote = true;
                }
            }
            Item::Always(text) => {
                out.push_str(&css[text.clone()]);
                wrote = true;
            }
            Item::Group { head, items } => {
                let mark = out.len();
                out.push_str(&css[head.clone()]);
                if write_items(css, items, present, out) {
                    out.push('}');
                    wrote = true;
                } else {
                    out.truncate(mark);
                }
            }
        }
    }
    wrote
}

/// At-rules whose block holds rules (kept when one of those is).
const GROUPING_AT_RULES: [&str; 4] = ["media", "supports", "container", "layer"];

fn parse_items(input: &mut Parser, names: &mut Names) -> Vec<Item> {
    let mut items = Vec::new();
    loop {
        let start = input.position();
        let token = match input.next_including_whitespace_and_comments() {
            Ok(token) => token.clone(),
            Err(_) => break,
        };
        let start = start.byte_index();
        match token {
            Token::WhiteSpace(_) | Token::Comment(_) | Token::CDO | Token::CDC => {}
            Token::AtKeyword(name) => {
                let grouping = GROUPING_AT_RULES
                    .iter()
                    .any(|g| name.eq_ignore_ascii_case(g));
                items.push(parse_at_rule(input, start, grouping, names));
            }
            first => {
                let mut selectors = SelectorReader::default();
                selectors.read(&first, names);
                loop {
                    match input.next_including_whitespace_and_comments() {
                        Ok(Token::CurlyBracketBlock) => {
                            skip_block(input);
                            break;
                        }
                        Ok(token) => {
                            let token = token.clone();
                            selectors.read(&token, names);
                        }
                        Err(_) => break,
                    }
                }
                items.push(Item::Style {
                    text: start..input.position().byte_index(),
                    selectors: selectors.finish(),
                });
            }
        }
    }
    items
}

fn parse_at_rule(input: &mut Parser, start: usize, grouping: bool, names: &mut Names) -> Item {
    loop {
        match input.next_including_whitespace_and_comments() {
            Ok(Token::CurlyBracketBlock) => {
                if grouping {
                    let head = start..input.position().byte_index();
                    let items = input
                        .parse_nested_block(|block| {
                            Ok::<_, cssparser::ParseError<()>>(parse_items(block, names))
                        })
                        .unwrap_or_default();
                    return Item::Group { head, items };
                }
                skip_block(input);
                return Item::Always(start..input.position().byte_index());
            }
            Ok(Token::Semicolon) | Err(_) => {
                return Item::Always(start..input.position().byte_index());
            }
            Ok(_) => {}
        }
    }
}

/// Consumes the block just opened, so the position is after its end.
fn skip_block(input: &mut Parser) {
    let _ = input.parse_nested_block(|block| {
        while block.next_including_whitespace_and_comments().is_ok() {}
        Ok::<_, cssparser::ParseError<()>>(())
    });
}

/// Reads a selector list token by token. Blocks (`:not(…)`, `[…]`) are
/// never entered: the parser skips them when the next token is read.
#[derive(Default)]
struct SelectorReader {
    done: Vec<Needs>,
    current: Needs,
    after: After,
}

#[derive(Default, PartialEq)]
enum After {
    #[default]
    Nothing,
    /// `.`: the next name is a class.
    Dot,
    /// `:` or `::`: the next name is a pseudo-class or pseudo-element.
    Colon,
}

impl SelectorReader {
    fn read(&mut self, token: &Token, names: &mut Names) {
        let after = std::mem::take(&mut self.after);
        match token {
            Token::Comma => self.done.push(std::mem::take(&mut self.current)),
            Token::Delim('.') => self.after = After::Dot,
            Token::Colon => self.after = After::Colon,
            Token::Ident(name) => match after {
                After::Dot => self.need(names.number(Kind::Class, name.to_string())),
                After::Colon => {}
                After::Nothing => self.need(names.number(Kind::Tag, name.to_ascii_lowercase())),
            },
            Token::IDHash(name) | Token::Hash(name) => {
                self.need(names.number(Kind::Id, name.to_string()))
            }
            Token::Function(_)
            | Token::SquareBracketBlock
            | Token::WhiteSpace(_)
            | Token::Comment(_)
            | Token::Delim('>' | '+' | '~' | '*') => {}
            _ => self.current.unsure = true,
        }
    }

    fn need(&mut self, number: usize) {
        self.current.names.push(number);
    }

    fn finish(mut self) -> Vec<Needs> {
        self.done.push(self.current);
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page<'h>(classes: &[&'h str], ids: &[&'h str], tags: &[&'h str]) -> PageTokens<'h> {
        PageTokens {
            classes: classes.iter().copied().collect(),
            ids: ids.iter().copied().collect(),
            tags: tags.iter().copied().collect(),
        }
    }

    const CSS: &str = ":root{--ink:#123}\
        body{margin:0}\
        .card{padding:1rem}\
        .card .card__title,.teaser h2{font-weight:700}\
        #main>p{color:red}\
        .gallery .card:hover{outline:1px solid}\
        html:not(.js) .copy{display:none}\
        .field:has(.field__error:not([hidden])) input{border-color:red}\
        button[aria-expanded=true]::after{content:\"-\"}\
        @media (max-width:600px){.card{padding:0}.admin{display:none}}\
        @media print{.admin{color:#000}}\
        @keyframes spin{to{transform:rotate(1turn)}}\
        @supports selector(:has(a)){@container (min-width:21rem){.card{gap:1rem}}}";

    #[test]
    fn a_page_gets_the_rules_that_may_match_it_in_order() {
        let sheet = Stylesheet::parse(CSS.to_string());
        let used = sheet.for_page(&page(&["card", "copy"], &[], &["html", "body", "p"]));
        assert_eq!(
            used,
            ":root{--ink:#123}\
             body{margin:0}\
             .card{padding:1rem}\
             html:not(.js) .copy{display:none}\
             @media (max-width:600px){.card{padding:0}}\
             @keyframes spin{to{transform:rotate(1turn)}}\
             @supports selector(:has(a)){@container (min-width:21rem){.card{gap:1rem}}}"
        );
    }

    #[test]
    fn one_selector_of_a_list_is_enough_and_every_part_of_it_is_needed() {
        let sheet = Stylesheet::parse(CSS.to_string());
        let used = sheet.for_page(&page(&["teaser"], &["main"], &["h2"]));
        assert!(
            used.contains(".card .card__title,.teaser h2{font-weight:700}"),
            "{used}"
        );
        // `#main>p` needs a `p` as well.
        assert!(!used.contains("#main"), "{used}");
        let used = sheet.for_page(&page(&["teaser"], &["main"], &["p"]));
        assert!(used.contains("#main>p{color:red}"), "{used}");
        assert!(!used.contains("font-weight"), "{used}");
    }

    #[test]
    fn pseudo_classes_attributes_and_what_is_in_parentheses_are_not_required() {
        let sheet = Stylesheet::parse(CSS.to_string());
        let used = sheet.for_page(&page(
            &["gallery", "card", "field"],
            &[],
            &["input", "button"],
        ));
        assert!(used.contains(".gallery .card:hover{"), "{used}");
        assert!(
            used.contains(".field:has(.field__error:not([hidden])) input{"),
            "{used}"
        );
        assert!(
            used.contains("button[aria-expanded=true]::after{"),
            "{used}"
        );
    }

    #[test]
    fn a_group_with_nothing_used_is_left_out() {
        let sheet = Stylesheet::parse(CSS.to_string());
        let used = sheet.for_page(&page(&[], &[], &[]));
        assert!(!used.contains("@media"), "{used}");
        assert!(!used.contains("@supports"), "{used}");
        assert!(used.contains("@keyframes spin"), "{used}");
    }

    #[test]
    fn whitespace_and_comments_of_an_unminified_sheet_are_read_too() {
        let css = "/* the cards */\n.card {\n  padding: 1rem; /* room */\n}\n\n@media (max-width: 600px) {\n  .card,\n  .other { padding: 0; }\n}\n";
        let sheet = Stylesheet::parse(css.to_string());
        assert_eq!(
            sheet.for_page(&page(&["card"], &[], &[])),
            ".card {\n  padding: 1rem; /* room */\n}@media (max-width: 600px) {.card,\n  .other { padding: 0; }}"
        );
        assert_eq!(sheet.for_page(&page(&["none"], &[], &[])), "");
    }

    #[test]
    fn what_it_cannot_read_is_kept() {
        // Nesting (`&`) is not read: such a rule is kept whatever the page.
        let sheet = Stylesheet::parse(".a{&.b{color:red}}.c & .d{x:y}".to_string());
        assert_eq!(sheet.for_page(&page(&[], &[], &[])), ".c & .d{x:y}");
    }
}
