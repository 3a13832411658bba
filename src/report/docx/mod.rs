//! The Word memo: a .docx written natively from the rendered Markdown, so
//! its content is the Markdown memo's, paragraph for paragraph.
//!
//! WordprocessingML is written here directly (zipped with `zip`) rather than
//! through a .docx crate: the memo needs a small, fixed subset of it, the
//! bytes must be the same for the same memo, and taking a firm's styles is a
//! matter of using its `styles.xml`, which the crates do not offer.

mod body;
mod package;
mod styles;
mod xml;

use crate::error::{Error, Invalid};
use std::io::Read;
use std::path::Path;

/// How a Word memo is dressed, beyond its Markdown.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    /// A line printed at the top of every page, such as the privilege legend.
    pub header: Option<String>,
    /// Styles taken from a firm's own .docx.
    pub reference: Option<Reference>,
}

/// The styles (and theme, which styles may name fonts from) of a .docx.
#[derive(Debug, Clone)]
pub struct Reference {
    name: String,
    styles: String,
    theme: Option<String>,
}

/// Largest .docx read, and largest part inflated from one: a firm's template
/// is a few hundred kilobytes; a zip bomb is stopped here.
const MAX_FILE: u64 = 64 << 20;
const MAX_PART: u64 = 32 << 20;

impl Reference {
    /// Reads a firm's .docx (`--reference-doc`).
    pub fn read(path: &Path) -> Result<Reference, Invalid> {
        let name = path.display().to_string();
        Reference::from_docx(&name, &read_file(path)?)
    }

    pub fn from_docx(name: &str, bytes: &[u8]) -> Result<Reference, Invalid> {
        let styles = part(name, bytes, "word/styles.xml")?.ok_or_else(|| {
            Invalid::at(
                name,
                "has no styles (word/styles.xml); is it a Word document?",
            )
        })?;
        let theme = part(name, bytes, "word/theme/theme1.xml")?
            .filter(|t| roxmltree::Document::parse(t).is_ok());
        Ok(Reference {
            name: name.to_string(),
            styles,
            theme,
        })
    }
}

/// The memo as a .docx: headings, paragraphs, emphasis, lists, tables and
/// footnotes as Word's own, a header line if given, page numbers in the footer.
/// A bad reference document is invalid input; a package that cannot be
/// zipped (in memory) is a failure to write.
pub fn from_markdown(markdown: &str, options: &DocxOptions) -> Result<Vec<u8>, Error> {
    let body = body::convert(markdown);
    let (styles, theme) = match &options.reference {
        Some(r) => (styles::merge(&r.name, &r.styles)?, r.theme.clone()),
        None => (styles::bundled(), None),
    };
    let parts = package::Parts {
        body: &body,
        privilege: options.header.as_deref().filter(|h| !h.trim().is_empty()),
        styles,
        theme,
    };
    // Zipping into memory fails only on a bug; said as it always was.
    package::zip(&parts)
        .map_err(|e| Error::Invalid(Invalid::bare(format!("cannot write the Word memo: {e}"))))
}

/// The text of each paragraph of a .docx's body, in order; `name` is for
/// messages. Used by `memo --verify` and to check a memo's content.
pub fn paragraphs(name: &str, docx: &[u8]) -> Result<Vec<String>, Invalid> {
    let document = part(name, docx, "word/document.xml")?.ok_or_else(|| {
        Invalid::at(
            name,
            "has no document body (word/document.xml); is it a Word document?",
        )
    })?;
    xml::paragraphs(&document)
        .map_err(|e| Invalid::at(name, format!("word/document.xml is not XML: {e}")))
}

/// A part of a .docx as text, or `None` if the package has no such part.
pub fn part(name: &str, docx: &[u8], part: &str) -> Result<Option<String>, Invalid> {
    let fail = |why: String| Invalid::at(name, why);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx))
        .map_err(|e| fail(format!("is not a Word document (not a zip package: {e})")))?;
    let mut file = match archive.by_name(part) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(fail(format!("cannot read {part}: {e}"))),
    };
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read {part}: {e}")))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(fail(format!("{part} is larger than {MAX_PART} bytes")));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| fail(format!("{part} is not UTF-8 text")))
}

/// A binary file, refused if it is a folder or too large.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Invalid> {
    let name = path.display().to_string();
    let fail = |why: String| Invalid::at(&name, why);
    let metadata = std::fs::metadata(path).map_err(|e| fail(crate::load::io_reason(&e)))?;
    if metadata.is_dir() {
        return Err(fail("is a folder, not a file".into()));
    }
    if metadata.len() > MAX_FILE {
        return Err(fail(format!(
            "file is {} bytes; the limit is {MAX_FILE} bytes",
            metadata.len()
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(crate::load::io_reason(&e)))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests;
