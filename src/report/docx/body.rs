//! Markdown to WordprocessingML: the document body, its footnotes, the list
//! instances it numbers and the links it points to. One pass over
//! pulldown-cmark's events; every block the memo can contain has a Word
//! counterpart, and anything else is kept as plain text rather than lost.

use super::xml::escape;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::fmt::Write;

/// What the body needs from the rest of the package.
#[derive(Debug, Default)]
pub(super) struct Body {
    /// The children of `<w:body>`, without the section properties.
    pub document: String,
    /// Each footnote's paragraphs, in id order (ids from 1).
    pub footnotes: Vec<String>,
    /// One numbering instance per list: `None` for bullets, `Some(start)`
    /// for a numbered list; instance ids are positions from 1.
    pub lists: Vec<(Option<u64>, usize)>,
    /// External link targets; relationship ids `rIdLink1`, `rIdLink2`, ...
    pub links: Vec<String>,
    /// The `title:` of the YAML front matter, if any.
    pub title: Option<String>,
}

pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

pub(super) fn convert(markdown: &str) -> Body {
    let mut w = Writer::default();
    for event in Parser::new_ext(markdown, options()) {
        w.event(event);
    }
    w.close_paragraph();
    let mut body = w.body;
    body.document = w.buffers.swap_remove(0);
    body
}

#[derive(Default)]
struct Writer {
    body: Body,
    /// Where text goes: the document, or a footnote being defined.
    buffers: Vec<String>,
    footnote_labels: Vec<String>,
    footnote_ids: Vec<usize>,
    paragraph_open: bool,
    /// List instance ids, innermost last.
    lists: Vec<usize>,
    /// The next paragraph is an item's first and carries its number.
    item_starts: bool,
    quote_depth: usize,
    heading: Option<HeadingLevel>,
    code_block: bool,
    table: Option<Table>,
    metadata: Option<String>,
    bold: usize,
    italic: usize,
    strike: usize,
    link_open: bool,
}

struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

impl Writer {
    fn out(&mut self) -> &mut String {
        if self.buffers.is_empty() {
            self.buffers.push(String::new());
        }
        self.buffers.last_mut().expect("one buffer at least")
    }

    fn event(&mut self, event: Event) {
        if let Some(meta) = self.metadata.as_mut() {
            match event {
                Event::Text(t) => meta.push_str(&t),
                Event::End(TagEnd::MetadataBlock(_)) => {
                    let meta = self.metadata.take().unwrap_or_default();
                    self.body.title = front_matter_title(&meta);
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                self.ensure_paragraph();
                let props = self.run_props(true);
                run(self.out(), &props, &code);
            }
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::InlineMath(m) | Event::DisplayMath(m) => self.text(&m),
            Event::FootnoteReference(label) => {
                self.ensure_paragraph();
                let id = self.footnote_id(&label);
                let _ = write!(
                    self.out(),
                    "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>\
                     <w:footnoteReference w:id=\"{id}\"/></w:r>"
                );
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                self.ensure_paragraph();
                self.out().push_str("<w:r><w:br/></w:r>");
            }
            Event::Rule => {
                self.close_paragraph();
                self.out().push_str(
                    "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" \
                     w:space=\"1\" w:color=\"auto\"/></w:pBdr></w:pPr></w:p>",
                );
            }
            Event::TaskListMarker(done) => self.text(if done { "☒ " } else { "☐ " }),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                self.close_paragraph();
                self.open_paragraph();
            }
            Tag::Heading { level, .. } => {
                self.close_paragraph();
                self.heading = Some(level);
                self.open_paragraph();
            }
            Tag::BlockQuote(_) => {
                self.close_paragraph();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(_) => {
                self.close_paragraph();
                self.code_block = true;
                self.open_paragraph();
            }
            Tag::HtmlBlock | Tag::DefinitionList | Tag::DefinitionListTitle => {
                self.close_paragraph()
            }
            Tag::DefinitionListDefinition => {
                self.close_paragraph();
                self.quote_depth += 1;
            }
            Tag::List(start) => {
                self.close_paragraph();
                self.body.lists.push((start, self.lists.len()));
                self.lists.push(self.body.lists.len());
            }
            Tag::Item => {
                self.close_paragraph();
                self.item_starts = true;
            }
            Tag::FootnoteDefinition(label) => {
                self.close_paragraph();
                let id = self.footnote_id(&label);
                self.footnote_ids.push(id);
                self.buffers.push(String::new());
            }
            Tag::Table(alignments) => {
                self.close_paragraph();
                let columns = alignments.len().max(1);
                let out = self.out();
                out.push_str(
                    "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>\
                     <w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid>",
                );
                for _ in 0..columns {
                    let _ = write!(out, "<w:gridCol w:w=\"{}\"/>", 9360 / columns);
                }
                out.push_str("</w:tblGrid>");
                self.table = Some(Table {
                    alignments,
                    in_head: false,
                    column: 0,
                });
            }
            Tag::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = true;
                    t.column = 0;
                }
                self.out().push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
            }
            Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.column = 0;
                }
                self.out().push_str("<w:tr>");
            }
            Tag::TableCell => {
                self.out()
                    .push_str("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>");
                self.open_paragraph();
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Superscript | Tag::Subscript => {}
            Tag::Link { dest_url, .. } => {
                let external = ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|p| dest_url.starts_with(p));
                if external && !self.link_open {
                    self.ensure_paragraph();
                    self.body.links.push(dest_url.to_string());
                    let n = self.body.links.len();
                    let _ = write!(self.out(), "<w:hyperlink r:id=\"rIdLink{n}\">");
                    self.link_open = true;
                }
            }
            Tag::Image { .. } => {}
            Tag::MetadataBlock(_) => self.metadata = Some(String::new()),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::HtmlBlock
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle => self.close_paragraph(),
            TagEnd::Heading(_) => {
                self.close_paragraph();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) | TagEnd::DefinitionListDefinition => {
                self.close_paragraph();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.close_paragraph();
                self.code_block = false;
            }
            TagEnd::List(_) => {
                self.close_paragraph();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.close_paragraph();
                self.item_starts = false;
            }
            TagEnd::FootnoteDefinition => {
                self.close_paragraph();
                let text = self.buffers.pop().unwrap_or_default();
                let id = self.footnote_ids.pop().unwrap_or(1);
                if self.body.footnotes.len() < id {
                    self.body.footnotes.resize(id, String::new());
                }
                self.body.footnotes[id - 1] = text;
            }
            TagEnd::Table => {
                self.out().push_str("</w:tbl>");
                // Word needs a paragraph between a table and what follows.
                self.out().push_str("<w:p/>");
                self.table = None;
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = false;
                }
                self.out().push_str("</w:tr>");
            }
            TagEnd::TableRow => self.out().push_str("</w:tr>"),
            TagEnd::TableCell => {
                self.close_paragraph();
                self.out().push_str("</w:tc>");
                if let Some(t) = self.table.as_mut() {
                    t.column += 1;
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Superscript | TagEnd::Subscript | TagEnd::Image => {}
            TagEnd::Link => {
                if self.link_open {
                    self.out().push_str("</w:hyperlink>");
                    self.link_open = false;
                }
            }
            TagEnd::MetadataBlock(_) => {}
        }
    }

    fn footnote_id(&mut self, label: &str) -> usize {
        match self.footnote_labels.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.footnote_labels.push(label.to_string());
                self.footnote_labels.len()
            }
        }
    }

    fn text(&mut self, text: &str) {
        self.ensure_paragraph();
        let props = self.run_props(self.code_block);
        if self.code_block {
            let text = text.strip_suffix('\n').unwrap_or(text);
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.out().push_str("<w:r><w:br/></w:r>");
                }
                run(self.out(), &props, line);
            }
        } else {
            run(self.out(), &props, text);
        }
    }

    fn run_props(&self, code: bool) -> String {
        let mut props = String::new();
        if self.link_open {
            props.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
        } else if code {
            props.push_str("<w:rStyle w:val=\"VerbatimChar\"/>");
        }
        let head = self.table.as_ref().is_some_and(|t| t.in_head);
        if self.bold > 0 || head {
            props.push_str("<w:b/>");
        }
        if self.italic > 0 {
            props.push_str("<w:i/>");
        }
        if self.strike > 0 {
            props.push_str("<w:strike/>");
        }
        props
    }

    fn ensure_paragraph(&mut self) {
        if !self.paragraph_open {
            self.open_paragraph();
        }
    }

    fn open_paragraph(&mut self) {
        self.close_paragraph();
        let mut props = String::new();
        let style = if let Some(level) = self.heading {
            Some(format!("Heading{}", level as usize))
        } else if self.code_block {
            Some("SourceCode".into())
        } else if self.body_is_footnote() {
            Some("FootnoteText".into())
        } else if self.quote_depth > 0 {
            Some("Quote".into())
        } else if !self.lists.is_empty() {
            Some("ListParagraph".into())
        } else if self.table.is_some() {
            Some("Compact".into())
        } else {
            None
        };
        if let Some(style) = style {
            let _ = write!(props, "<w:pStyle w:val=\"{style}\"/>");
        }
        if let Some(&list) = self.lists.last() {
            let depth = self.lists.len() - 1;
            if std::mem::take(&mut self.item_starts) {
                let _ = write!(
                    props,
                    "<w:numPr><w:ilvl w:val=\"{depth}\"/><w:numId w:val=\"{list}\"/></w:numPr>"
                );
            } else {
                // A later paragraph of the same item: aligned with its text.
                let _ = write!(props, "<w:ind w:left=\"{}\"/>", 720 * (depth + 1));
            }
        }
        if let Some(t) = &self.table {
            let jc = match t.alignments.get(t.column) {
                Some(Alignment::Center) => Some("center"),
                Some(Alignment::Right) => Some("right"),
                _ => None,
            };
            if let Some(jc) = jc {
                let _ = write!(props, "<w:jc w:val=\"{jc}\"/>");
            }
        }
        let footnote_mark = self.body_is_footnote() && !self.out().contains("<w:p>");
        let out = self.out();
        out.push_str("<w:p>");
        if !props.is_empty() {
            let _ = write!(out, "<w:pPr>{props}</w:pPr>");
        }
        if footnote_mark {
            out.push_str(
                "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>\
                 <w:r><w:t xml:space=\"preserve\"> </w:t></w:r>",
            );
        }
        self.paragraph_open = true;
    }

    fn close_paragraph(&mut self) {
        if self.paragraph_open {
            if self.link_open {
                self.out().push_str("</w:hyperlink>");
                self.link_open = false;
            }
            self.out().push_str("</w:p>");
            self.paragraph_open = false;
        }
    }

    fn body_is_footnote(&self) -> bool {
        self.buffers.len() > 1
    }
}

fn run(out: &mut String, props: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if !props.is_empty() {
        let _ = write!(out, "<w:rPr>{props}</w:rPr>");
    }
    let _ = write!(
        out,
        "<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    );
}

/// The `title:` line of YAML front matter, unquoted if it is a JSON-style
/// string (as the bundled template writes it).
fn front_matter_title(meta: &str) -> Option<String> {
    let line = meta.lines().find_map(|l| l.strip_prefix("title:"))?.trim();
    if line.starts_with('"') {
        serde_json::from_str(line).ok()
    } else {
        Some(line.trim_matches('\'').to_string())
    }
}
