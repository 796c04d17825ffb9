//! A small XML tree for `project.qde`, parsed with quick-xml under limits: no DTD (so no
//! entity expansion, internal or external), only the five predefined entities and character
//! references, bounded depth and element count. Names are kept as written; REFI-QDA elements
//! and attributes carry no prefix, so a default namespace needs no resolving.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

/// An element: name (without prefix), attributes, children and its own text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Element {
    /// Local name.
    pub name: String,
    /// Attributes as written (names with any prefix), values unescaped.
    pub attrs: Vec<(String, String)>,
    /// Child elements in order.
    pub children: Vec<Element>,
    /// The element's own character data, concatenated.
    pub text: String,
    /// Byte offset of the element's start tag.
    pub pos: usize,
}

impl Element {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the first child named `name`.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// Limits on the tree.
#[derive(Clone, Copy, Debug)]
pub(super) struct DomLimits {
    /// Deepest nesting.
    pub max_depth: usize,
    /// Most elements.
    pub max_elements: usize,
}

/// A parse error: byte offset and message.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct DomError {
    /// Byte offset in the input.
    pub pos: usize,
    /// What is wrong.
    pub message: String,
}

/// 1-based line and column (in characters) of byte offset `pos` in `text`.
pub(super) fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn local(name: &str) -> String {
    name.rsplit_once(':').map_or(name, |(_, l)| l).to_owned()
}

fn element(e: &BytesStart<'_>, pos: usize) -> Result<Element, DomError> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| DomError {
            pos,
            message: format!("bad attribute: {err}"),
        })?;
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| DomError {
                pos,
                message: format!(
                    "attribute {}: {err} (Margin reads no DTD entities)",
                    a.key.as_ref()
                ),
            })?;
        attrs.push((a.key.as_ref().to_owned(), value.into_owned()));
    }
    Ok(Element {
        name: local(e.name().as_ref()),
        attrs,
        children: Vec::new(),
        text: String::new(),
        pos,
    })
}

/// The tree being built: open elements, the finished root, the element count.
struct Tree {
    stack: Vec<Element>,
    root: Option<Element>,
    count: usize,
    limits: DomLimits,
}

impl Tree {
    fn admit(&mut self, pos: usize, depth: usize) -> Result<(), DomError> {
        if self.root.is_some() {
            return Err(DomError {
                pos,
                message: "a second root element".into(),
            });
        }
        self.count += 1;
        if self.count > self.limits.max_elements {
            return Err(DomError {
                pos,
                message: format!("more than {} elements; refused", self.limits.max_elements),
            });
        }
        if depth > self.limits.max_depth {
            return Err(DomError {
                pos,
                message: format!(
                    "elements nest deeper than {} levels; refused",
                    self.limits.max_depth
                ),
            });
        }
        Ok(())
    }

    fn attach(&mut self, el: Element) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None => self.root = Some(el),
        }
    }

    fn start(&mut self, el: Element, pos: usize) -> Result<(), DomError> {
        self.admit(pos, self.stack.len() + 1)?;
        self.stack.push(el);
        Ok(())
    }

    fn empty(&mut self, el: Element, pos: usize) -> Result<(), DomError> {
        self.admit(pos, self.stack.len() + 1)?;
        self.attach(el);
        Ok(())
    }

    fn end(&mut self, pos: usize) -> Result<(), DomError> {
        let Some(el) = self.stack.pop() else {
            return Err(DomError {
                pos,
                message: "an end tag with no start".into(),
            });
        };
        self.attach(el);
        Ok(())
    }

    fn text(&mut self, s: &str, pos: usize) -> Result<(), DomError> {
        match self.stack.last_mut() {
            Some(top) => top.text.push_str(s),
            None if !s.trim().is_empty() => {
                return Err(DomError {
                    pos,
                    message: "text outside the root element".into(),
                });
            }
            None => {}
        }
        Ok(())
    }
}

/// The text of `&name;`: a character reference or one of the five predefined entities.
fn reference(r: &BytesRef<'_>, pos: usize) -> Result<String, DomError> {
    let c = if r.is_char_ref() {
        r.resolve_char_ref().ok().flatten().map(|c| c.to_string())
    } else {
        resolve_predefined_entity(r).map(str::to_owned)
    };
    c.ok_or_else(|| DomError {
        pos,
        message: format!(
            "the entity &{}; is not one XML predefines (Margin reads no DTD entities)",
            &**r
        ),
    })
}

/// Parse `text` into its root element.
pub(super) fn parse(text: &str, limits: DomLimits) -> Result<Element, DomError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut tree = Tree {
        stack: Vec::new(),
        root: None,
        count: 0,
        limits,
    };
    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| DomError {
            pos: reader.error_position() as usize,
            message: e.to_string(),
        })?;
        match event {
            Event::Start(e) => tree.start(element(&e, pos)?, pos)?,
            Event::Empty(e) => tree.empty(element(&e, pos)?, pos)?,
            Event::End(_) => tree.end(pos)?,
            Event::Text(t) => tree.text(&t.xml10_content(), pos)?,
            Event::CData(t) => tree.text(&t.xml10_content(), pos)?,
            Event::GeneralRef(r) => tree.text(&reference(&r, pos)?, pos)?,
            Event::DocType(_) => {
                return Err(DomError {
                    pos,
                    message: "the file has a document type declaration (<!DOCTYPE>); Margin refuses DTDs and the entities they define".into(),
                });
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = tree.stack.last() {
        return Err(DomError {
            pos: text.len(),
            message: format!("the XML ends inside <{}>", open.name),
        });
    }
    tree.root.ok_or(DomError {
        pos: 0,
        message: "no root element".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: DomLimits = DomLimits {
        max_depth: 50,
        max_elements: 1000,
    };

    #[test]
    fn elements_attributes_and_text() {
        let root = parse(
            "<?xml version=\"1.0\"?>\n<P xmlns=\"urn:x\" a=\"1&amp;2&#10;\"><D>x &lt; y&#x1F600;<![CDATA[<z>]]></D><E/></P>",
            LIMITS,
        )
        .unwrap();
        assert_eq!(root.name, "P");
        assert_eq!(root.attr("a"), Some("1&2\n"));
        assert_eq!(root.child_text("D"), Some("x < y😀<z>"));
        assert_eq!(root.children.len(), 2);
    }

    #[test]
    fn dtds_entities_and_depth_are_refused() {
        let e = parse(
            "<?xml version=\"1.0\"?><!DOCTYPE P [<!ENTITY a \"aaaa\">]><P>&a;</P>",
            LIMITS,
        )
        .unwrap_err();
        assert!(e.message.contains("DOCTYPE"), "{e:?}");
        let e = parse("<P>&a;</P>", LIMITS).unwrap_err();
        assert!(e.message.contains("&a;"), "{e:?}");
        let deep = "<C>".repeat(60) + &"</C>".repeat(60);
        let e = parse(&deep, LIMITS).unwrap_err();
        assert!(e.message.contains("deeper than 50"), "{e:?}");
        let e = parse("<P><A></P>", LIMITS).unwrap_err();
        assert!(!e.message.is_empty());
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("中\nx", 4), (2, 1));
    }
}
