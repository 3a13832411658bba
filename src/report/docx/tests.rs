use super::*;
use pulldown_cmark::{Event, Parser};

const SAMPLE: &str = "---\ntitle: \"Memorandum: A & B\"\ndate: \"2026-11-28\"\n---\n\n\
# MEMORANDUM\n\n**To:** Partner  \n**From:** Associate\n\n\
## Discussion\n\nPlain, *italic*, **bold** and `code` text.[^n]\n\n\
1. First numbered.\n\n2. Second numbered.\n\n\
- a bullet\n  - nested bullet\n- another <tag> & more\n\n\
| Factor | Court |\n|---|:---:|\n| 1. Purpose | favors |\n\n\
> Quoted.\n\n---\n\n*Closing.*\n\n[^n]: The note's text.\n";

fn docx(markdown: &str, options: &DocxOptions) -> Vec<u8> {
    from_markdown(markdown, options).expect("writes")
}

fn part_of(bytes: &[u8], name: &str) -> String {
    part("test.docx", bytes, name)
        .unwrap()
        .unwrap_or_else(|| panic!("{name} missing"))
}

/// The words of a Markdown text, read by pulldown-cmark on its own, without
/// the front matter: what a reader of the Word memo must find.
fn markdown_words(markdown: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_meta = false;
    for event in Parser::new_ext(markdown, body::options()) {
        match event {
            Event::Start(pulldown_cmark::Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(pulldown_cmark::TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) if !in_meta => {
                text.push_str(&t);
            }
            Event::Start(tag) if is_inline(&tag.to_end()) => {}
            Event::End(tag) if is_inline(&tag) => {}
            _ => text.push(' '),
        }
    }
    text.split_whitespace().map(str::to_string).collect()
}

fn is_inline(tag: &pulldown_cmark::TagEnd) -> bool {
    use pulldown_cmark::TagEnd::*;
    matches!(
        tag,
        Emphasis | Strong | Strikethrough | Link | Image | Superscript | Subscript
    )
}

fn docx_words(bytes: &[u8]) -> Vec<String> {
    let mut text = paragraphs("test.docx", bytes).unwrap().join(" ");
    for note in xml::paragraphs(&part_of(bytes, "word/footnotes.xml")).unwrap() {
        text.push(' ');
        text.push_str(&note);
    }
    text.split_whitespace().map(str::to_string).collect()
}

#[test]
fn every_part_is_well_formed_xml() {
    let bytes = docx(
        SAMPLE,
        &DocxOptions {
            header: Some("Privileged and confidential; attorney work product".into()),
            reference: None,
        },
    );
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    for required in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/numbering.xml",
        "word/footnotes.xml",
        "word/header1.xml",
        "word/footer1.xml",
    ] {
        assert!(
            names.iter().any(|n| n == required),
            "{required} in {names:?}"
        );
    }
    for name in names {
        let mut text = String::new();
        archive
            .by_name(&name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn the_word_memo_has_the_markdown_memos_words() {
    let bytes = docx(SAMPLE, &DocxOptions::default());
    assert_eq!(docx_words(&bytes), markdown_words(SAMPLE));
    assert!(!docx_words(&bytes).contains(&"2026-11-28\"".to_string()));
}

#[test]
fn blocks_become_words_own_structures() {
    let bytes = docx(SAMPLE, &DocxOptions::default());
    let doc = part_of(&bytes, "word/document.xml");
    assert!(doc.contains(
        "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">MEMORANDUM"
    ));
    assert!(doc.contains("<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">italic</w:t>"));
    assert!(doc.contains("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">bold</w:t>"));
    assert!(
        doc.contains("<w:rStyle w:val=\"VerbatimChar\"/></w:rPr><w:t xml:space=\"preserve\">code")
    );
    // A hard line break stays a line break, inside one paragraph.
    let paras = paragraphs("test.docx", &bytes).unwrap();
    assert!(
        paras.contains(&"To: Partner\nFrom: Associate".to_string()),
        "{paras:?}"
    );
    // Two lists, each its own numbering instance; the nested one a level down.
    assert!(doc.contains("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"));
    assert!(doc.contains("<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr>"));
    let numbering = part_of(&bytes, "word/numbering.xml");
    assert!(numbering.contains("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/>"));
    assert!(numbering.contains("<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/>"));
    // A table with a repeated header row, centred where the Markdown says.
    assert!(doc.contains("<w:tbl>") && doc.contains("<w:tblHeader/>"));
    assert!(doc.contains("<w:jc w:val=\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\">favors"));
    assert!(doc.contains("<w:pStyle w:val=\"Quote\"/>"));
    assert!(doc.contains("<w:footnoteReference w:id=\"1\"/>"));
    assert!(
        part_of(&bytes, "word/footnotes.xml").contains("The note&apos;s text.")
            || part_of(&bytes, "word/footnotes.xml").contains("The note's text.")
    );
    // Markup in the text is text, not markup.
    assert!(doc.contains("&lt;tag&gt;") && doc.contains(" &amp; more"));
    assert!(
        part_of(&bytes, "docProps/core.xml").contains("<dc:title>Memorandum: A &amp; B</dc:title>")
    );
}

#[test]
fn page_numbers_in_the_footer_and_the_legend_in_the_header() {
    let plain = docx(SAMPLE, &DocxOptions::default());
    let footer = part_of(&plain, "word/footer1.xml");
    assert!(footer.contains("w:instr=\" PAGE \"") && footer.contains("w:instr=\" NUMPAGES \""));
    assert_eq!(part("t", &plain, "word/header1.xml").unwrap(), None);
    assert!(!part_of(&plain, "word/document.xml").contains("headerReference"));

    let legend = "Privileged and confidential; attorney work product";
    let marked = docx(
        SAMPLE,
        &DocxOptions {
            header: Some(legend.into()),
            reference: None,
        },
    );
    assert_eq!(
        xml::paragraphs(&part_of(&marked, "word/header1.xml")).unwrap(),
        vec![legend.to_string()]
    );
    assert!(part_of(&marked, "word/document.xml")
        .contains("<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"));
}

#[test]
fn the_same_memo_gives_the_same_bytes() {
    assert_eq!(
        docx(SAMPLE, &DocxOptions::default()),
        docx(SAMPLE, &DocxOptions::default())
    );
}

/// A minimal .docx as a firm's template would be: its own Normal style and
/// a theme, and none of the memo's other styles.
fn firm_template() -> Vec<u8> {
    use std::io::Write;
    let styles = format!(
        "<?xml version=\"1.0\"?><w:styles xmlns:w=\"{}\"><w:style w:type=\"paragraph\" \
         w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:rPr><w:rFonts \
         w:ascii=\"Garamond\"/></w:rPr></w:style></w:styles>",
        xml::W
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/styles.xml", options).unwrap();
    zip.write_all(styles.as_bytes()).unwrap();
    zip.start_file("word/theme/theme1.xml", options).unwrap();
    zip.write_all(b"<a:theme xmlns:a=\"urn:test\" name=\"Firm\"/>")
        .unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_firms_template_lends_its_styles_and_keeps_the_ones_it_lacks() {
    let reference = Reference::from_docx("firm.docx", &firm_template()).unwrap();
    let bytes = docx(
        SAMPLE,
        &DocxOptions {
            header: None,
            reference: Some(reference),
        },
    );
    let styles = part_of(&bytes, "word/styles.xml");
    assert!(styles.contains("Garamond"));
    assert_eq!(styles.matches("w:styleId=\"Normal\"").count(), 1);
    assert!(styles.contains("w:styleId=\"Heading2\""));
    roxmltree::Document::parse(&styles).unwrap();
    assert!(part_of(&bytes, "word/theme/theme1.xml").contains("Firm"));
    assert!(part_of(&bytes, "word/_rels/document.xml.rels").contains("theme/theme1.xml"));
    assert_eq!(docx_words(&bytes), markdown_words(SAMPLE));
}

#[test]
fn a_file_that_is_not_a_word_document_is_refused_with_its_name() {
    let err = Reference::from_docx("notes.txt", b"plain text").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("notes.txt: is not a Word document"),
        "{err}"
    );
    let empty_zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()))
        .finish()
        .unwrap()
        .into_inner();
    let err = Reference::from_docx("empty.docx", &empty_zip).unwrap_err();
    assert!(
        err.to_string().starts_with("empty.docx: has no styles"),
        "{err}"
    );
    let err = paragraphs("empty.docx", &empty_zip).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("empty.docx: has no document body"),
        "{err}"
    );
}
