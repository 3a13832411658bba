//! The little XML the package needs: escaping text for it, and reading
//! paragraphs back out of a document part.

/// Text for an XML element or attribute. Characters XML 1.0 cannot carry
/// (most control characters) are dropped: Word refuses a file that has one.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The text of every paragraph in a WordprocessingML part, in document
/// order (table cells included): runs joined, tabs as `\t`, breaks as `\n`.
pub(super) fn paragraphs(xml: &str) -> Result<Vec<String>, roxmltree::Error> {
    let doc = roxmltree::Document::parse(xml)?;
    let is = |n: &roxmltree::Node, name: &str| {
        n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
    };
    let mut out = Vec::new();
    for p in doc.descendants().filter(|n| is(n, "p")) {
        let mut text = String::new();
        for n in p.descendants() {
            // A paragraph nested in this one (a text box) is read on its own.
            if n != p && is(&n, "p") {
                continue;
            }
            if is(&n, "t") {
                text.push_str(n.text().unwrap_or(""));
            } else if is(&n, "tab") {
                text.push('\t');
            } else if is(&n, "br") || is(&n, "cr") {
                text.push('\n');
            }
        }
        out.push(text);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_carry() {
        assert_eq!(
            escape("a < b & \"c\" > d"),
            "a &lt; b &amp; &quot;c&quot; &gt; d"
        );
        assert_eq!(escape("bell\u{7}tab\t"), "belltab\t");
    }
}
