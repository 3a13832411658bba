//! The parts of a .docx package around the body: content types,
//! relationships, styles, numbering, header, footer, footnotes and
//! properties, zipped with fixed timestamps so the same memo gives the same
//! bytes.

use super::body::Body;
use super::xml::escape;
use std::fmt::Write as _;
use std::io::Write as _;
use zip::write::SimpleFileOptions;

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS_W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
const NS_R: &str =
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Everything the package is made of besides the Markdown.
pub(super) struct Parts<'a> {
    pub body: &'a Body,
    pub privilege: Option<&'a str>,
    pub styles: String,
    pub theme: Option<String>,
}

pub(super) fn zip(parts: &Parts) -> std::io::Result<Vec<u8>> {
    let mut files: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", content_types(parts)),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core(parts.body.title.as_deref())),
        ("docProps/app.xml", app()),
        ("word/document.xml", document(parts)),
        ("word/_rels/document.xml.rels", document_rels(parts)),
        ("word/styles.xml", parts.styles.clone()),
        ("word/numbering.xml", numbering(&parts.body.lists)),
        ("word/settings.xml", settings()),
        ("word/footnotes.xml", footnotes(&parts.body.footnotes)),
        ("word/footer1.xml", footer()),
    ];
    if let Some(line) = parts.privilege {
        files.push(("word/header1.xml", header(line)));
    }
    if let Some(theme) = &parts.theme {
        files.push(("word/theme/theme1.xml", theme.clone()));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // The zip format's earliest date, so output does not depend on the clock.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in files {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn content_types(parts: &Parts) -> String {
    let mut out = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    );
    let mut part = |name: &str, kind: &str| {
        let _ = write!(
            out,
            "<Override PartName=\"/{name}\" ContentType=\"application/vnd.openxmlformats-{kind}+xml\"/>"
        );
    };
    part(
        "word/document.xml",
        "officedocument.wordprocessingml.document.main",
    );
    part("word/styles.xml", "officedocument.wordprocessingml.styles");
    part(
        "word/numbering.xml",
        "officedocument.wordprocessingml.numbering",
    );
    part(
        "word/settings.xml",
        "officedocument.wordprocessingml.settings",
    );
    part(
        "word/footnotes.xml",
        "officedocument.wordprocessingml.footnotes",
    );
    part("word/footer1.xml", "officedocument.wordprocessingml.footer");
    if parts.privilege.is_some() {
        part("word/header1.xml", "officedocument.wordprocessingml.header");
    }
    if parts.theme.is_some() {
        part("word/theme/theme1.xml", "officedocument.theme");
    }
    part("docProps/core.xml", "package.core-properties");
    part("docProps/app.xml", "officedocument.extended-properties");
    out.push_str("</Types>");
    out
}

fn package_rels() -> String {
    format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

fn document_rels(parts: &Parts) -> String {
    let mut out = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    let mut rel = |id: &str, kind: &str, target: &str, external: bool| {
        let mode = if external {
            " TargetMode=\"External\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<Relationship Id=\"{id}\" Type=\"{REL}/{kind}\" Target=\"{}\"{mode}/>",
            escape(target)
        );
    };
    rel("rIdStyles", "styles", "styles.xml", false);
    rel("rIdNumbering", "numbering", "numbering.xml", false);
    rel("rIdSettings", "settings", "settings.xml", false);
    rel("rIdFootnotes", "footnotes", "footnotes.xml", false);
    rel("rIdFooter", "footer", "footer1.xml", false);
    if parts.privilege.is_some() {
        rel("rIdHeader", "header", "header1.xml", false);
    }
    if parts.theme.is_some() {
        rel("rIdTheme", "theme", "theme/theme1.xml", false);
    }
    for (i, link) in parts.body.links.iter().enumerate() {
        rel(&format!("rIdLink{}", i + 1), "hyperlink", link, true);
    }
    out.push_str("</Relationships>");
    out
}

fn document(parts: &Parts) -> String {
    let header = if parts.privilege.is_some() {
        "<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
    } else {
        ""
    };
    // US Letter, one-inch margins: the American memo's page.
    format!(
        "{XML_HEAD}<w:document {NS_W} {NS_R}><w:body>{}\
         <w:sectPr>{header}<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
         <w:pgSz w:w=\"12240\" w:h=\"15840\"/>\
         <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" \
         w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
        parts.body.document
    )
}

fn header(line: &str) -> String {
    format!(
        "{XML_HEAD}<w:hdr {NS_W} {NS_R}><w:p><w:pPr><w:pStyle w:val=\"Header\"/>\
         <w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>\
         <w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:hdr>",
        escape(line)
    )
}

fn footer() -> String {
    let field = |instr: &str| {
        format!("<w:fldSimple w:instr=\" {instr} \"><w:r><w:t>1</w:t></w:r></w:fldSimple>")
    };
    format!(
        "{XML_HEAD}<w:ftr {NS_W} {NS_R}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/>\
         <w:jc w:val=\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>{}\
         <w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>{}</w:p></w:ftr>",
        field("PAGE"),
        field("NUMPAGES")
    )
}

fn footnotes(notes: &[String]) -> String {
    let mut out = format!(
        "{XML_HEAD}<w:footnotes {NS_W} {NS_R}>\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    );
    for (i, note) in notes.iter().enumerate() {
        // A reference to a note that is never defined still needs a note.
        let note = if note.is_empty() { "<w:p/>" } else { note };
        let _ = write!(out, "<w:footnote w:id=\"{}\">{note}</w:footnote>", i + 1);
    }
    out.push_str("</w:footnotes>");
    out
}

fn settings() -> String {
    format!(
        "{XML_HEAD}<w:settings {NS_W}><w:defaultTabStop w:val=\"720\"/>\
         <w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
    )
}

fn core(title: Option<&str>) -> String {
    let title = title
        .map(|t| format!("<dc:title>{}</dc:title>", escape(t)))
        .unwrap_or_default();
    format!(
        "{XML_HEAD}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">{title}\
         <dc:creator>fairuse</dc:creator></cp:coreProperties>"
    )
}

fn app() -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>fairuse {}</Application></Properties>",
        env!("CARGO_PKG_VERSION")
    )
}

/// Bullets and numbers, nine levels each; then one instance per list, so
/// each numbered list starts again from its own first number.
fn numbering(lists: &[(Option<u64>, usize)]) -> String {
    let mut out = format!("{XML_HEAD}<w:numbering {NS_W}>");
    const BULLETS: [&str; 3] = ["•", "◦", "▪"];
    const NUMBERS: [&str; 3] = ["decimal", "lowerLetter", "lowerRoman"];
    for (id, numbered) in [(0, false), (1, true)] {
        let _ = write!(
            out,
            "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"multilevel\"/>"
        );
        for level in 0..9 {
            let (format, text) = if numbered {
                (NUMBERS[level % 3], format!("%{}.", level + 1))
            } else {
                ("bullet", BULLETS[level % 3].to_string())
            };
            let _ = write!(
                out,
                "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/>\
                 <w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
                 <w:pPr><w:ind w:left=\"{}\" w:hanging=\"360\"/></w:pPr></w:lvl>",
                720 * (level + 1)
            );
        }
        out.push_str("</w:abstractNum>");
    }
    for (i, (start, depth)) in lists.iter().enumerate() {
        let abstract_id = u8::from(start.is_some());
        let _ = write!(
            out,
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{abstract_id}\"/>",
            i + 1
        );
        if let Some(start) = start {
            let _ = write!(
                out,
                "<w:lvlOverride w:ilvl=\"{depth}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride>"
            );
        }
        out.push_str("</w:num>");
    }
    out.push_str("</w:numbering>");
    out
}
