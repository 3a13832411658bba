//! The Markdown memo: a minijinja template over a context built from the case,
//! the library and the engine's analysis.

mod analysis;
mod context;
pub mod guidance;

pub use analysis::{case_prose, CaseProse};
pub use guidance::Guidance;

use super::record::{self, Record};
use super::signed;
use crate::engine::Analysis;
use crate::error::{Invalid, Problem};
use crate::library::Library;
use crate::model::{Authority, AuthorityKind, Case, Litigation, Role};
use crate::{date, sanitize};
use context::context;
use minijinja::value::{Serde, Value};
use minijinja::{syntax::SyntaxConfig, AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub const BUNDLED_TEMPLATE: &str = include_str!("../../../templates/memo.md.j2");
const BUNDLED_NAME: &str = "templates/memo.md.j2 (bundled)";
/// The work a template may do, so that a runaway user template is stopped
/// (roughly 64 bytes of output a unit): a base, and more for each use. The
/// bundled template needs about 200,000 for the largest case file accepted
/// (1 MiB, 100 uses with full notes). At 50 million for every memo, a hostile
/// template wrote 1 GB in 13 s; at this level it is stopped in well under a
/// second.
const FUEL: u64 = 1_000_000;
const FUEL_PER_USE: u64 = 2_000;

/// Who the memo is for, when, and which template renders it.
#[derive(Debug, Clone)]
pub struct MemoOptions {
    pub date: String,
    /// The addressee and the author; empty means "take it from the case file's
    /// `memo` heading, or leave a bracketed blank".
    pub to: String,
    pub from: String,
    pub template: Option<PathBuf>,
    /// Print the checklist heuristic's factor readings in an appendix
    /// (`--appendix scores`). Off by default: the memo speaks in words.
    pub appendix_scores: bool,
    /// When the memo is made, for its closing record (a UTC time); the
    /// memo's date when not given, so the same options give the same memo.
    pub generated_at: Option<String>,
}

impl MemoOptions {
    pub fn new(date: String) -> Self {
        MemoOptions {
            date,
            to: String::new(),
            from: String::new(),
            template: None,
            appendix_scores: false,
            generated_at: None,
        }
    }
}

/// The privilege legend for the memo's head, from the posture and our role:
/// work product when litigation is pending or anticipated or we act as
/// litigation counsel; an attorney-client communication when counselling;
/// none for policy analysis or teaching.
pub fn privilege_line(case: &Case) -> Option<&'static str> {
    let role = case.memo.as_ref().and_then(|m| m.role);
    let litigating = matches!(
        case.litigation,
        Some(Litigation::Pending | Litigation::Anticipated)
    );
    match role {
        Some(Role::Policy | Role::Teaching) => None,
        _ if litigating || role == Some(Role::Litigation) => Some(
            "Privileged and confidential: attorney work product, prepared in anticipation of litigation",
        ),
        Some(Role::Counselling) => {
            Some("Privileged and confidential: attorney-client communication")
        }
        _ => None,
    }
}

/// Scores a case and renders its memo: the one call the CLI and the TUI's
/// export both make, so both carry the legal views and the closest cases.
pub fn render_case(
    library: &Library,
    case: &Case,
    options: &MemoOptions,
) -> Result<String, Invalid> {
    render_case_with(library, case, options, &crate::engine::Sides::new())
}

/// [`render_case`] with legal views pinned (the CLI's `--view`).
pub fn render_case_with(
    library: &Library,
    case: &Case,
    options: &MemoOptions,
    pins: &crate::engine::Sides,
) -> Result<String, Invalid> {
    let corpus = crate::load::corpus(library)?;
    let setting = crate::engine::Setting {
        pins: Some(pins),
        corpus: Some(&corpus),
    };
    let analysis = crate::engine::analyse_with(&library.rubric, case, setting);
    render(library, case, &analysis, options)
}

pub fn render(
    library: &Library,
    case: &Case,
    analysis: &Analysis,
    options: &MemoOptions,
) -> Result<String, Invalid> {
    let (name, source, folder) = match &options.template {
        None => (BUNDLED_NAME.to_string(), BUNDLED_TEMPLATE.to_string(), None),
        Some(path) => {
            let source = crate::load::read(path)?;
            let folder = path.parent().map(|p| {
                if p.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    p.to_path_buf()
                }
            });
            (source.name, source.text, folder)
        }
    };
    let mut env = environment(library, folder);
    env.set_fuel(Some(FUEL + FUEL_PER_USE * case.uses.len() as u64));
    let fail = |e: minijinja::Error| Invalid::one(template_error(&name, &e));
    env.add_template_owned(name.clone(), source).map_err(fail)?;
    let guidance = Guidance::bundled()?;
    let context = context(library, &guidance, case, analysis, options);
    let text = env
        .get_template(&name)
        .and_then(|t| t.render(Serde(&context)))
        .map_err(fail)?;
    // After the template, so that a user's own template gets the record too.
    let generated = options.generated_at.as_deref().unwrap_or(&options.date);
    let record = Record::new(library, case, generated);
    Ok(record::append(&sanitize::text(&text), &record))
}

/// "memo.md.j2:12: undefined value: ..." — the template and line first.
fn template_error(name: &str, e: &minijinja::Error) -> Problem {
    // An error inside an included template: report the innermost cause.
    if let Some(inner) =
        std::error::Error::source(e).and_then(|source| source.downcast_ref::<minijinja::Error>())
    {
        return template_error(e.name().unwrap_or(name), inner);
    }
    let file = e.name().unwrap_or(name);
    let what = match (e.kind(), e.detail()) {
        (minijinja::ErrorKind::OutOfFuel, _) => {
            "the template does too much work and was stopped (a loop without end?)".into()
        }
        (kind, Some(detail)) => format!("{kind}: {detail}"),
        (kind, None) => kind.to_string(),
    };
    let problem = Problem::new(sanitize::line(file), sanitize::line(&what));
    match e.line() {
        Some(line) => problem.at_line(line),
        None => problem,
    }
}

fn environment(library: &Library, folder: Option<PathBuf>) -> Environment<'static> {
    let mut env = Environment::new();
    // Without it a release build loses the name of an undefined variable
    // ("undefined value" instead of "`client` is undefined").
    env.set_debug(true);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    let syntax = SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .expect("default delimiters are valid");
    env.set_syntax(syntax);
    if let Some(folder) = folder {
        env.set_loader(move |name| load_beside(&folder, name));
    }
    let cited: Arc<Mutex<Vec<String>>> = Arc::default();
    let authorities = Arc::new(library.authorities.clone());
    {
        let (cited, authorities) = (cited.clone(), authorities.clone());
        // Full citation on first mention, short form after.
        env.add_function(
            "cite",
            move |id: String| -> Result<String, minijinja::Error> {
                let a = authorities.get(&id).ok_or_else(|| unknown_authority(&id))?;
                let mut cited = cited.lock().expect("render is single-threaded");
                if cited.contains(&id) {
                    Ok(short_form(a))
                } else {
                    cited.push(id);
                    Ok(full_form(a))
                }
            },
        );
    }
    {
        let (cited, authorities) = (cited.clone(), authorities.clone());
        // Everything cited so far, for a table of authorities at the end.
        env.add_function("cited_authorities", move || -> Vec<Value> {
            let cited = cited.lock().expect("render is single-threaded");
            let mut list: Vec<&Authority> =
                cited.iter().filter_map(|id| authorities.get(id)).collect();
            list.sort_by_key(|a| (kind_rank(a.kind), a.name.to_lowercase()));
            list.into_iter()
                .map(|a| {
                    Value::from(Serde(CitedAuthority {
                        id: &a.id,
                        kind: a.kind,
                        citation: full_form(a),
                        caveat: a.caveat.as_deref(),
                        pending: a.pending.as_deref(),
                    }))
                })
                .collect()
        });
    }
    {
        let (cited, authorities) = (cited.clone(), authorities.clone());
        // Resolves the analysis layer's [[cite:ID]] and [[name:ID]] markers in
        // document order, so first mentions get the full citation.
        env.add_filter(
            "cites",
            move |text: String| -> Result<String, minijinja::Error> {
                let mut cited = cited.lock().expect("render is single-threaded");
                Ok(resolve_markers(&text, &authorities, &mut cited))
            },
        );
    }
    {
        // True the first time a key is seen: lets a template say a thing once.
        let seen: Mutex<Vec<String>> = Mutex::default();
        env.add_function("first_time", move |key: String| -> bool {
            let mut seen = seen.lock().expect("render is single-threaded");
            if seen.contains(&key) {
                false
            } else {
                seen.push(key);
                true
            }
        });
    }
    env.add_function(
        "authority",
        move |id: String| -> Result<Value, minijinja::Error> {
            authorities
                .get(&id)
                .map(|a| Value::from(Serde(a)))
                .ok_or_else(|| unknown_authority(&id))
        },
    );
    env.add_filter("signed", |x: f64| signed(x));
    env.add_filter("long_date", |s: String| date::long_form(&s));
    env.add_filter("lower_first", |s: String| lower_first(&s));
    // JSON strings are valid YAML scalars: safe for front matter.
    env.add_filter("yaml_quote", |s: String| {
        serde_json::to_string(&s).unwrap_or_default()
    });
    env
}

#[derive(Serialize)]
struct CitedAuthority<'a> {
    id: &'a str,
    kind: AuthorityKind,
    citation: String,
    caveat: Option<&'a str>,
    pending: Option<&'a str>,
}

/// Replaces `[[cite:ID]]` with a citation (full the first time) and
/// `[[name:ID]]` with the case name alone; unknown ids are left as written.
fn resolve_markers(
    text: &str,
    authorities: &crate::model::AuthorityLibrary,
    cited: &mut Vec<String>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let marker = &after[..end];
        let found = marker
            .split_once(':')
            .and_then(|(kind, id)| Some((kind, id, authorities.get(id)?)));
        match found {
            Some(("cite", id, a)) => {
                if cited.iter().any(|c| c == id) {
                    out.push_str(&short_form(a));
                } else {
                    cited.push(id.to_string());
                    out.push_str(&full_form(a));
                }
            }
            Some(("name", _, a)) => out.push_str(&short_name(a)),
            _ => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// "*Bartz*": the short form's name, without the docket.
fn short_name(a: &Authority) -> String {
    let name = a.short.split(',').next().unwrap_or(&a.short);
    match a.kind {
        AuthorityKind::Case => format!("*{name}*"),
        _ => name.to_string(),
    }
}

/// "Training Llama" → "training Llama", but "AI training" stays as it is.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(first), second) if !second.is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(s.chars().skip(1)).collect()
        }
        _ => s.to_string(),
    }
}

fn unknown_authority(id: &str) -> minijinja::Error {
    minijinja::Error::new(
        minijinja::ErrorKind::InvalidOperation,
        format!("unknown authority '{}'", id.escape_debug()),
    )
}

fn kind_rank(kind: AuthorityKind) -> u8 {
    match kind {
        AuthorityKind::Case => 0,
        AuthorityKind::Statute => 1,
        AuthorityKind::Report => 2,
        AuthorityKind::Article => 3,
    }
}

/// Case names in italics, as citations are written.
pub fn full_form(a: &Authority) -> String {
    match (a.kind, a.citation.strip_prefix(a.name.as_str())) {
        (AuthorityKind::Case, Some(rest)) => format!("*{}*{rest}", a.name),
        _ => a.citation.clone(),
    }
}

pub fn short_form(a: &Authority) -> String {
    match (a.kind, a.short.split_once(',')) {
        (AuthorityKind::Case, Some((name, rest))) => format!("*{name}*,{rest}"),
        (AuthorityKind::Case, None) => format!("*{}*", a.short),
        _ => a.short.clone(),
    }
}

/// Includes resolve only inside the template's own folder, symlinks included.
fn load_beside(folder: &Path, name: &str) -> Result<Option<String>, minijinja::Error> {
    let refuse = |why: &str| {
        minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("cannot include '{}': {why}", name.escape_debug()),
        )
    };
    let requested = Path::new(name);
    if requested.is_absolute()
        || requested
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(refuse(
            "only files inside the template's folder may be included",
        ));
    }
    let root = folder
        .canonicalize()
        .map_err(|_| refuse("template folder not found"))?;
    let Ok(path) = root.join(requested).canonicalize() else {
        return Ok(None);
    };
    if !path.starts_with(&root) {
        return Err(refuse("it leads outside the template's folder"));
    }
    match crate::load::read(&path) {
        Ok(source) => Ok(Some(source.text)),
        Err(e) => Err(refuse(&e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::lower_first;

    #[test]
    fn lowers_first_letter_unless_acronym() {
        assert_eq!(lower_first("Training Llama"), "training Llama");
        assert_eq!(lower_first("AI training"), "AI training");
        assert_eq!(lower_first(""), "");
    }
}
