//! A small XML writer for the formats Margin writes by hand (REFI-QDA, OOXML): escaping that
//! survives a parser's normalisation (newlines in attributes become `&#10;`), characters XML 1.0
//! cannot hold replaced, and two-space indentation of element-only content.

use std::fmt::Write as _;

/// True when XML 1.0 can hold `c` (its `Char` production).
#[must_use]
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escape `s` for element content: `& < >`, CR as a character reference (a parser would turn
/// a literal one into LF), and characters XML cannot hold as U+FFFD.
pub fn escape_text_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Escape `s` for an attribute value in double quotes: as text, plus `"` and the whitespace a
/// parser would otherwise normalise to spaces.
pub fn escape_attr_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// `s` escaped for element content.
#[cfg(test)]
#[must_use]
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_text_into(&mut out, s);
    out
}

/// An XML document being written into a string.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    stack: Vec<&'static str>,
    indent: bool,
}

impl XmlWriter {
    /// A document with the XML declaration; `indent` lays out element-only content on lines.
    #[must_use]
    pub fn new(indent: bool) -> Self {
        let mut out = String::with_capacity(4096);
        out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>");
        if indent {
            out.push('\n');
        }
        Self {
            out,
            stack: Vec::new(),
            indent,
        }
    }

    fn pad(&mut self) {
        if self.indent {
            for _ in 0..self.stack.len() {
                self.out.push_str("  ");
            }
        }
    }

    fn newline(&mut self) {
        if self.indent {
            self.out.push('\n');
        }
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.pad();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_attr_into(&mut self.out, v);
            self.out.push('"');
        }
    }

    /// Open an element whose content is elements.
    pub fn start(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.open(name, attrs);
        self.out.push('>');
        self.newline();
        self.stack.push(name);
    }

    /// Close the innermost open element.
    pub fn end(&mut self) {
        if let Some(name) = self.stack.pop() {
            self.pad();
            let _ = write!(self.out, "</{name}>");
            self.newline();
        }
    }

    /// An element with no content.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open(name, attrs);
        self.out.push_str("/>");
        self.newline();
    }

    /// An element holding only `text`.
    pub fn text_element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.out.push('>');
        escape_text_into(&mut self.out, text);
        let _ = write!(self.out, "</{name}>");
        self.newline();
    }

    /// Raw, already well-formed markup (for runs the caller composed).
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// The document, closing whatever is still open.
    #[must_use]
    pub fn finish(mut self) -> String {
        while !self.stack.is_empty() {
            self.end();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_what_a_parser_would_change() {
        let mut a = String::new();
        escape_attr_into(&mut a, "a\"b\nc\td&<>\u{1}");
        assert_eq!(a, "a&quot;b&#10;c&#9;d&amp;&lt;&gt;\u{FFFD}");
        assert_eq!(escape_text("x\r\ny<😀>"), "x&#13;\ny&lt;😀&gt;");
    }

    #[test]
    fn writer_nests_and_indents() {
        let mut w = XmlWriter::new(true);
        w.start("A", &[("name", "x")]);
        w.empty("B", &[]);
        w.text_element("C", &[], "t");
        let s = w.finish();
        assert_eq!(
            s,
            "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n<A name=\"x\">\n  <B/>\n  <C>t</C>\n</A>\n"
        );
    }
}
