//! Excerpts as a self-contained HTML report (one file, inline CSS, no scripts, nothing
//! fetched): the code tree with descriptions and counts, then each code's excerpts with a little
//! context, the attribution `(G8)`, document, coder and memo.

use std::fmt::Write as _;
use std::io::Write;

use super::{Excerpt, grouped};
use crate::export::{ExcerptFilter, ExportError, Quotes};
use crate::model::{Code, Color, Project};

pub(crate) const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#222;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}
h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.meta{color:#666;margin-top:0}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.4em;vertical-align:baseline}
nav ul{list-style:none;padding-left:1.2rem}
nav>ul{padding-left:0}
nav .count{color:#666;font-size:.9em}
.desc{color:#555;font-size:.92em;margin:.1rem 0 .3rem}
.excerpt{margin:1rem 0 1.4rem}
blockquote{margin:0;padding:.5rem .9rem;border-left:4px solid #ccc;background:#fafafa;white-space:pre-wrap}
blockquote.translation{margin-top:.3rem;font-style:italic;border-left-color:#8aa}
.exemplar{margin:0 0 .2rem;font-weight:600;color:#a60}
.translation .note{font-style:normal;color:#666}
.ctx{color:#888}
mark{color:inherit;padding:0 .1em}
.cite{margin:.25rem 0 0 .9rem;color:#444;font-size:.92em}
.memo{margin:.25rem 0 0 .9rem;font-size:.92em;white-space:pre-wrap;color:#555}
.memo::before{content:'Memo: ';font-weight:600}
@media print{h2{break-after:avoid}.excerpt{break-inside:avoid}}
";

/// `s` escaped for HTML text and attribute values.
/// The start of a self-contained page: its title, the shared style and `style`, the body of
/// `class` (if any) and the title as its heading, up to the closing `</h1>`.
pub(crate) fn page_start(s: &mut String, title: &str, style: &str, class: &str) {
    s.push_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
    esc(s, title);
    s.push_str("</title>\n<style>");
    s.push_str(STYLE);
    s.push_str(style);
    s.push_str("</style>\n</head>\n");
    if class.is_empty() {
        s.push_str("<body>\n<h1>");
    } else {
        let _ = write!(s, "<body class=\"{class}\">\n<h1>");
    }
    esc(s, title);
    s.push_str("</h1>\n");
}

pub(crate) fn esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn swatch(out: &mut String, color: Color) {
    let _ = write!(
        out,
        "<span class=\"swatch\" style=\"background:{}\"></span>",
        color.to_hex()
    );
}

fn anchor(code: &Code) -> String {
    format!("code-{}", code.id)
}

pub(crate) fn excerpt(out: &mut String, e: &Excerpt<'_>, quotes: Quotes) {
    out.push_str("<div class=\"excerpt\">");
    if e.coding.exemplar {
        out.push_str("<p class=\"exemplar\">★ Exemplar</p>");
    }
    let (original, translation) = e.shown(quotes);
    if original.is_some() {
        original_quote(out, e);
    }
    if let Some(t) = translation {
        out.push_str("<blockquote class=\"translation\">");
        esc(out, &t.text);
        if !t.note.is_empty() {
            out.push_str("<span class=\"note\"> (");
            esc(out, &t.note);
            out.push_str(")</span>");
        }
        out.push_str("</blockquote>");
    }
    out.push_str("<p class=\"cite\">");
    if let Some(who) = e.attribution() {
        out.push('(');
        esc(out, who);
        out.push_str(") · ");
    }
    esc(out, &e.document.name);
    let _ = write!(out, ", {}–{}", e.coding.range.start, e.coding.range.end);
    if !e.coder_name().is_empty() {
        out.push_str(" · coded by ");
        esc(out, e.coder_name());
    }
    out.push_str("</p>");
    let memo = e.memo_text();
    if !memo.is_empty() {
        out.push_str("<p class=\"memo\">");
        esc(out, &memo);
        out.push_str("</p>");
    }
    out.push_str("</div>\n");
}

/// The quote as coded, highlighted in its code's colour, within its context.
fn original_quote(out: &mut String, e: &Excerpt<'_>) {
    let c = e.code.color;
    out.push_str("<blockquote>");
    if !e.before.is_empty() {
        out.push_str("<span class=\"ctx\">");
        if e.before_truncated {
            out.push('…');
        }
        esc(out, e.before);
        out.push_str("</span>");
    }
    let _ = write!(
        out,
        "<mark style=\"background:rgba({},{},{},0.28)\">",
        c.r, c.g, c.b
    );
    esc(out, e.text);
    out.push_str("</mark>");
    if !e.after.is_empty() {
        out.push_str("<span class=\"ctx\">");
        esc(out, e.after);
        if e.after_truncated {
            out.push('…');
        }
        out.push_str("</span>");
    }
    out.push_str("</blockquote>");
}

pub(super) fn write(
    project: &Project,
    filter: &ExcerptFilter,
    excerpts: &[Excerpt<'_>],
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let groups = grouped(project, filter, excerpts);
    let name = &project.manifest().name;
    let mut s = String::with_capacity(excerpts.len() * 600 + 4096);
    s.push_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(&mut s, name);
    s.push_str(": coded excerpts</title>\n<style>");
    s.push_str(STYLE);
    s.push_str("</style>\n</head>\n<body>\n<header>\n<h1>");
    esc(&mut s, name);
    s.push_str(": coded excerpts</h1>\n<p class=\"meta\">");
    let with = groups.iter().filter(|g| !g.2.is_empty()).count();
    let _ = write!(
        s,
        "{} excerpt{} under {} code{}",
        excerpts.len(),
        if excerpts.len() == 1 { "" } else { "s" },
        with,
        if with == 1 { "" } else { "s" }
    );
    if !filter.is_empty() {
        s.push_str(" · ");
        esc(&mut s, &filter.describe(project));
    }
    s.push_str("</p>\n</header>\n<nav>\n<h2>Codebook</h2>\n");

    // The tree as nested lists.
    let mut depth_open = 0usize;
    let mut first = true;
    for (depth, code, items) in &groups {
        if first {
            s.push_str("<ul>\n");
            depth_open = *depth;
            first = false;
        } else if *depth > depth_open {
            for _ in depth_open..*depth {
                s.push_str("\n<ul>\n");
            }
            depth_open = *depth;
        } else {
            s.push_str("</li>\n");
            for _ in *depth..depth_open {
                s.push_str("</ul></li>\n");
            }
            depth_open = *depth;
        }
        s.push_str("<li>");
        swatch(&mut s, code.color);
        if items.is_empty() {
            esc(&mut s, &code.name);
        } else {
            let _ = write!(s, "<a href=\"#{}\">", anchor(code));
            esc(&mut s, &code.name);
            s.push_str("</a>");
        }
        let _ = write!(s, " <span class=\"count\">({})</span>", items.len());
        if !code.description.is_empty() {
            s.push_str("<div class=\"desc\">");
            esc(&mut s, &code.description);
            s.push_str("</div>");
        }
    }
    if !first {
        s.push_str("</li>\n");
        for _ in 0..depth_open {
            s.push_str("</ul></li>\n");
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</nav>\n<main>\n");

    for (_, code, items) in &groups {
        if items.is_empty() {
            continue;
        }
        let _ = write!(s, "<section id=\"{}\">\n<h2>", anchor(code));
        swatch(&mut s, code.color);
        esc(&mut s, &items[0].code_path);
        let _ = writeln!(s, " <span class=\"meta\">({})</span></h2>", items.len());
        if !code.description.is_empty() {
            s.push_str("<p class=\"desc\">");
            esc(&mut s, &code.description);
            s.push_str("</p>\n");
        }
        for e in *items {
            excerpt(&mut s, e, filter.quotes);
        }
        s.push_str("</section>\n");
    }
    s.push_str("</main>\n</body>\n</html>\n");
    out.write_all(s.as_bytes())?;
    Ok(())
}
