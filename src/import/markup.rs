//! Markdown and HTML as plain text: markup is stripped, block elements (paragraphs, headings, list
//! items, table rows, quotations, code blocks) become paragraphs, and line breaks inside a
//! paragraph are kept so that speaker turns written one per line are still found.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::office::CollapsingPara;

fn flush(current: &mut String, out: &mut Vec<String>) {
    let trimmed = current.trim_end();
    if !trimmed.trim_start().is_empty() {
        out.push(trimmed.trim_start_matches([' ', '\n']).to_owned());
    }
    current.clear();
}

/// The paragraphs of a Markdown text (`CommonMark` with tables and strikethrough).
#[must_use]
pub fn markdown_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::List(_)
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::TableRow
                | Tag::TableHead,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::TableRow
                | TagEnd::TableHead,
            )
            | Event::Rule => flush(&mut current, &mut out),
            Event::End(TagEnd::TableCell) => current.push('\t'),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                current.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => current.push('\n'),
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Elements that start and end a paragraph.
const BLOCKS: [&[u8]; 32] = [
    b"p",
    b"div",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"li",
    b"ul",
    b"ol",
    b"dl",
    b"dt",
    b"dd",
    b"tr",
    b"table",
    b"blockquote",
    b"pre",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"main",
    b"nav",
    b"aside",
    b"figure",
    b"figcaption",
    b"address",
    b"hr",
    b"body",
    b"caption",
    b"details",
];

/// Elements whose content is not text to code.
const SKIPPED: [&[u8]; 8] = [
    b"script",
    b"style",
    b"head",
    b"noscript",
    b"template",
    b"svg",
    b"math",
    b"iframe",
];

/// The paragraphs of an HTML page: the text a reader sees, without scripts, styles and the head.
#[must_use]
pub fn html_paragraphs(text: &str) -> Vec<String> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut out = Vec::new();
    let mut para = CollapsingPara::default();
    let mut skip: Vec<Vec<u8>> = Vec::new();
    let mut pre = 0usize;
    let finish = |para: &mut CollapsingPara, out: &mut Vec<String>| {
        let p = std::mem::take(para).finish();
        if !p.trim().is_empty() {
            out.push(p.trim_end().to_owned());
        }
    };
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if !skip.is_empty() || SKIPPED.contains(&name.as_slice()) {
                    if !tag.self_closing {
                        skip.push(name);
                    }
                    continue;
                }
                if BLOCKS.contains(&name.as_slice()) {
                    finish(&mut para, &mut out);
                    if name == b"pre" {
                        pre += 1;
                    }
                } else if name == b"br" {
                    para.push_literal("\n");
                } else if matches!(name.as_slice(), b"td" | b"th") && !para.is_empty() {
                    para.push_literal("\t");
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if let Some(pos) = skip.iter().rposition(|n| *n == name) {
                    skip.truncate(pos);
                    continue;
                }
                if !skip.is_empty() {
                    continue;
                }
                if BLOCKS.contains(&name.as_slice()) {
                    finish(&mut para, &mut out);
                    if name == b"pre" {
                        pre = pre.saturating_sub(1);
                    }
                }
            }
            Token::String(s) if skip.is_empty() => {
                let s = String::from_utf8_lossy(&s);
                if pre > 0 {
                    para.push_literal(&s);
                } else {
                    para.push_text(&s);
                }
            }
            _ => {}
        }
    }
    finish(&mut para, &mut out);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn markdown_blocks_become_paragraphs() {
        let md = "# 访谈 G8\n\n**Interviewer:** How did you *join*?\nG8: A friend `added` me.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(
            markdown_paragraphs(md),
            vec![
                "访谈 G8",
                "Interviewer: How did you join?\nG8: A friend added me.",
                "one",
                "two",
                "a\tb",
                "1\t2"
            ]
        );
    }

    #[test]
    fn html_text_without_scripts() {
        let html = "<html><head><title>t</title><style>p{}</style></head><body><h1>Title</h1><p>One   <b>two</b>\n three &amp; 四<br>five</p><script>var x = '<p>';</script><ul><li>a</li><li>b</li></ul></body></html>";
        assert_eq!(
            html_paragraphs(html),
            vec!["Title", "One two three & 四\nfive", "a", "b"]
        );
    }
}
