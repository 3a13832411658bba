//! Checks that go beyond types: ids that must exist, conditions that must hold,
//! numbers that must be in range. Each problem is one line naming file and path.

use crate::error::{closest, quote, shown, Invalid, Problem};
use crate::library::Library;
use crate::model::{AuthorityKind, AuthorityLibrary, FactorId, Rubric, MAX_VIEWS};
use std::collections::HashSet;

/// Limits that keep the work bounded for any file: pivotal facts cost about
/// questions × options × questions a use, and the memo grows with the uses.
/// The bundled rubric has 22 questions of at most 6 options; bundled cases
/// have at most 3 uses. Without them, a valid 1 MiB case of 42,000 empty
/// uses took 7.6 s and 950 MB to render, and a rubric of 8,000 questions
/// took 2.6 s a use to score.
pub const MAX_USES: usize = 100;
pub const MAX_QUESTIONS: usize = 64;
pub const MAX_OPTIONS: usize = 12;

/// Collects every problem of one file, each at its field path.
struct Problems<'a> {
    file: &'a str,
    found: Vec<Problem>,
}

impl<'a> Problems<'a> {
    fn new(file: &'a str) -> Self {
        Problems {
            file,
            found: Vec::new(),
        }
    }

    fn add(&mut self, path: &str, message: impl Into<String>) {
        self.add_hinted(path, message, None);
    }

    fn add_hinted(&mut self, path: &str, message: impl Into<String>, hint: Option<String>) {
        let mut problem = Problem::new(self.file, message).field(path);
        problem.hint = hint;
        self.found.push(problem);
    }

    fn finish(self) -> Result<(), Invalid> {
        Invalid::check(self.found)
    }
}

/// "did you mean 'x'?" when one of `known` is close to `id`.
fn did_you_mean<'a>(id: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(id, known).map(|c| format!("did you mean {}?", quote(c)))
}

fn id_ok(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn check_id(p: &mut Problems, path: &str, id: &str) {
    if !id_ok(id) {
        p.add(
            path,
            format!(
                "id {} must be 1-64 lowercase letters, digits, '-' or '_'",
                quote(id)
            ),
        );
    }
}

fn check_authorities(p: &mut Problems, path: &str, ids: &[String], library: &AuthorityLibrary) {
    for (i, id) in ids.iter().enumerate() {
        if library.get(id).is_none() {
            p.add_hinted(
                &format!("{path} {}", i + 1),
                format!("unknown authority {}", quote(id)),
                did_you_mean(id, library.authorities.iter().map(|a| a.id.as_str())),
            );
        }
    }
}

pub fn authorities(library: &AuthorityLibrary, file: &str) -> Result<(), Invalid> {
    let mut p = Problems::new(file);
    if !crate::date::is_valid(&library.current_to) {
        p.add("current_to", "must be a date written YYYY-MM-DD");
    }
    let mut seen = HashSet::new();
    for (i, a) in library.authorities.iter().enumerate() {
        let path = format!("authority {} ({})", i + 1, shown(&a.id));
        check_id(&mut p, &format!("{path}, id"), &a.id);
        if !seen.insert(a.id.as_str()) {
            p.add(
                &format!("{path}, id"),
                format!("duplicate authority {}", quote(&a.id)),
            );
        }
        if a.kind != AuthorityKind::Statute && !cites_year(&a.citation, a.year) {
            p.add(
                &format!("{path}, citation"),
                format!(
                    "must end with the year in parentheses, e.g. \"({})\"",
                    a.year
                ),
            );
        }
        if a.checked_against.is_empty() {
            p.add(
                &format!("{path}, checked_against"),
                "name at least one source this entry was checked against",
            );
        }
    }
    p.finish()
}

pub fn rubric(rubric: &Rubric, library: &AuthorityLibrary, file: &str) -> Result<(), Invalid> {
    let mut p = Problems::new(file);
    let order: Vec<FactorId> = rubric.factors.iter().map(|f| f.id).collect();
    if order != FactorId::ALL {
        p.add(
            "factors",
            "must list the four factors in statutory order: purpose, nature, amount, market",
        );
    }
    let questions = rubric.questions().count();
    if questions > MAX_QUESTIONS {
        p.add(
            "factors",
            format!(
                "a rubric may have at most {MAX_QUESTIONS} questions; this one has {questions}"
            ),
        );
        return p.finish();
    }
    check_authorities(
        &mut p,
        "weighting.authorities",
        &rubric.weighting.authorities,
        library,
    );
    let mut seen: Vec<&str> = Vec::new();
    for (fi, factor) in rubric.factors.iter().enumerate() {
        let fpath = format!("factor {} ({})", fi + 1, factor.id);
        if !(factor.weight.is_finite() && factor.weight > 0.0) {
            p.add(&format!("{fpath}, weight"), "must be a positive number");
        }
        for (qi, q) in factor.questions.iter().enumerate() {
            let qpath = format!("{fpath}, question {} ({})", qi + 1, shown(&q.id));
            check_id(&mut p, &format!("{qpath}, id"), &q.id);
            if seen.contains(&q.id.as_str()) {
                p.add(
                    &format!("{qpath}, id"),
                    format!("duplicate question {}", quote(&q.id)),
                );
            }
            if !(q.weight.is_finite() && q.weight > 0.0) {
                p.add(&format!("{qpath}, weight"), "must be a positive number");
            }
            if q.options.is_empty() {
                p.add(
                    &format!("{qpath}, options"),
                    "a question needs at least one option",
                );
            }
            if q.options.len() > MAX_OPTIONS {
                p.add(
                    &format!("{qpath}, options"),
                    format!("a question may have at most {MAX_OPTIONS} options"),
                );
            }
            let mut options = HashSet::new();
            for (oi, o) in q.options.iter().enumerate() {
                let opath = format!("{qpath}, option {} ({})", oi + 1, shown(&o.id));
                check_id(&mut p, &format!("{opath}, id"), &o.id);
                if !options.insert(o.id.as_str()) {
                    p.add(
                        &format!("{opath}, id"),
                        format!("duplicate option {}", quote(&o.id)),
                    );
                }
                if o.lean.is_some_and(|l| !(-2..=2).contains(&l)) {
                    p.add(&format!("{opath}, lean"), "must be an integer from -2 to 2");
                }
                check_authorities(
                    &mut p,
                    &format!("{opath}, authority"),
                    &o.authorities,
                    library,
                );
            }
            if let Some(cond) = &q.when {
                let target = rubric
                    .questions()
                    .map(|(_, q)| q)
                    .find(|t| t.id == cond.question);
                match target {
                    Some(t) if seen.contains(&t.id.as_str()) && t.is_scope() => {
                        for (ci, o) in cond.any_of.iter().enumerate() {
                            if t.option(o).is_none() {
                                p.add(
                                    &format!("{qpath}, when.any_of item {}", ci + 1),
                                    format!(
                                        "unknown option {} of {}; expected one of: {}",
                                        quote(o),
                                        quote(&t.id),
                                        t.option_ids().join(", ")
                                    ),
                                );
                            }
                        }
                    }
                    Some(_) => p.add(
                        &format!("{qpath}, when.question"),
                        format!(
                            "{} must be an earlier scope question (one whose options have no lean)",
                            quote(&cond.question)
                        ),
                    ),
                    None => p.add(
                        &format!("{qpath}, when.question"),
                        format!("unknown question {}", quote(&cond.question)),
                    ),
                }
            }
            seen.push(&q.id);
        }
    }
    views_and_data(&mut p, rubric, library);
    p.finish()
}

/// The version-2 parts of a rubric: legal views, view-dependent leans, the
/// threshold, contradictions and retired ids.
fn views_and_data(p: &mut Problems, rubric: &Rubric, library: &AuthorityLibrary) {
    if rubric.views.len() > MAX_VIEWS {
        p.add(
            "views",
            format!(
                "a rubric may have at most {} legal views; this one has {}",
                MAX_VIEWS,
                rubric.views.len()
            ),
        );
    }
    let mut view_ids = HashSet::new();
    for (vi, view) in rubric.views.iter().enumerate() {
        let vpath = format!("views[{vi}]");
        check_id(p, &format!("{vpath}.id"), &view.id);
        if !view_ids.insert(view.id.as_str()) {
            p.add(
                &format!("{vpath}.id"),
                format!("duplicate view {}", quote(&view.id)),
            );
        }
        if view.sides.len() < 2 {
            p.add(&format!("{vpath}.sides"), "a view needs at least two sides");
        }
        let mut sides = HashSet::new();
        for (si, side) in view.sides.iter().enumerate() {
            let spath = format!("{vpath}.sides[{si}]");
            check_id(p, &format!("{spath}.id"), &side.id);
            if !sides.insert(side.id.as_str()) {
                p.add(
                    &format!("{spath}.id"),
                    format!("duplicate side {}", quote(&side.id)),
                );
            }
            check_authorities(
                p,
                &format!("{spath}.authorities"),
                &side.authorities,
                library,
            );
        }
    }
    let condition = |p: &mut Problems, path: &str, cond: &crate::model::Condition| match rubric
        .question(&cond.question)
    {
        None => p.add(
            &format!("{path}.question"),
            format!("unknown question {}", quote(&cond.question)),
        ),
        Some((_, q)) => {
            for (ci, o) in cond.any_of.iter().enumerate() {
                if q.option(o).is_none() {
                    p.add(
                        &format!("{path}.any_of[{ci}]"),
                        format!("unknown option {} of {}", quote(o), quote(&q.id)),
                    );
                }
            }
        }
    };
    let mut thresholds = 0;
    for (fi, factor) in rubric.factors.iter().enumerate() {
        for (qi, q) in factor.questions.iter().enumerate() {
            let qpath = format!("factors[{fi}].questions[{qi}]");
            if q.threshold {
                thresholds += 1;
                if !q.is_scope() {
                    p.add(
                        &format!("{qpath}.threshold"),
                        "the threshold question's options may not have a lean",
                    );
                }
            }
            for (oi, o) in q.options.iter().enumerate() {
                let opath = format!("{qpath}.options[{oi}]");
                if o.unprotected && !q.threshold {
                    p.add(
                        &format!("{opath}.unprotected"),
                        "only options of the threshold question may be marked unprotected",
                    );
                }
                let Some(by_view) = &o.lean_by_view else {
                    continue;
                };
                let lpath = format!("{opath}.lean_by_view");
                if o.lean.is_none() {
                    p.add(&format!("{opath}.lean"), "an option with lean_by_view also needs a lean, used where the view is not engaged");
                }
                match rubric.view(&by_view.view) {
                    None => p.add(
                        &format!("{lpath}.view"),
                        format!("unknown view {}", quote(&by_view.view)),
                    ),
                    Some(view) => {
                        let expected: Vec<&str> =
                            view.sides.iter().map(|s| s.id.as_str()).collect();
                        let mut given: Vec<&str> =
                            by_view.leans.keys().map(String::as_str).collect();
                        let mut sorted = expected.clone();
                        sorted.sort_unstable();
                        given.sort_unstable();
                        if given != sorted {
                            p.add(
                                &format!("{lpath}.leans"),
                                format!(
                                    "must give a lean for each side of {}: {}",
                                    quote(&view.id),
                                    expected.join(", ")
                                ),
                            );
                        }
                        for (side, lean) in &by_view.leans {
                            if !(-2..=2).contains(lean) {
                                p.add(
                                    &format!("{lpath}.leans.{}", shown(side)),
                                    "must be an integer from -2 to 2",
                                );
                            }
                        }
                    }
                }
                if let Some(cond) = &by_view.only_when {
                    condition(p, &format!("{lpath}.only_when"), cond);
                }
            }
        }
    }
    if thresholds > 1 {
        p.add("factors", "at most one question may be the threshold");
    }
    for (ci, c) in rubric.contradictions.iter().enumerate() {
        condition(p, &format!("contradictions[{ci}].when"), &c.when);
        condition(p, &format!("contradictions[{ci}].and"), &c.and);
    }
    for (ri, r) in rubric.retired.iter().enumerate() {
        let rpath = format!("retired[{ri}]");
        match (&r.option, rubric.question(&r.question)) {
            (None, Some(_)) => p.add(
                &format!("{rpath}.question"),
                format!(
                    "{} is a current question, so it cannot be retired",
                    quote(&r.question)
                ),
            ),
            (None, None) => {
                for (i, id) in r.replaced_by.iter().enumerate() {
                    if rubric.question(id).is_none() {
                        p.add(
                            &format!("{rpath}.use[{i}]"),
                            format!("unknown question {}", quote(id)),
                        );
                    }
                }
            }
            (Some(option), Some((_, q))) => {
                if q.option(option).is_some() {
                    p.add(
                        &format!("{rpath}.option"),
                        format!(
                            "{} is a current option of {}, so it cannot be retired",
                            quote(option),
                            quote(&q.id)
                        ),
                    );
                }
                for (i, id) in r.replaced_by.iter().enumerate() {
                    if q.option(id).is_none() {
                        p.add(
                            &format!("{rpath}.use[{i}]"),
                            format!("unknown option {} of {}", quote(id), quote(&q.id)),
                        );
                    }
                }
            }
            // An option of a question that is itself retired needs no entry.
            (Some(_), None) => p.add(
                &format!("{rpath}.question"),
                format!("unknown question {}", quote(&r.question)),
            ),
        }
    }
}

/// The message for an id the rubric no longer has: "option 'x' was retired;
/// use 'y' or 'z' (why)". It is the whole message, not a hint: the id is
/// not wrong by a slip, and what replaces it is the point.
fn retired_hint(rubric: &Rubric, question: &str, option: Option<&str>) -> Option<String> {
    let r = rubric.retired(question, option)?;
    let what = match option {
        Some(o) => format!("option {} was retired", quote(o)),
        None => format!("question {} was retired", quote(question)),
    };
    let instead = match r.replaced_by.as_slice() {
        [] => String::new(),
        ids => format!(
            "; use {}",
            ids.iter()
                .map(|i| quote(i))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    };
    Some(format!("{what}{instead} ({})", r.why))
}

pub fn case(case: &crate::model::Case, library: &Library, file: &str) -> Result<(), Invalid> {
    let rubric = &library.rubric;
    let mut p = Problems::new(file);
    check_id(&mut p, "id", &case.id);
    if !crate::date::is_valid(&case.facts_as_of) {
        p.add("facts_as_of", "must be a date written YYYY-MM-DD");
    }
    if case.uses.is_empty() {
        p.add("uses", "a case needs at least one use");
    }
    if case.uses.len() > MAX_USES {
        p.add(
            "uses",
            format!(
                "a case may have at most {MAX_USES} uses; this one has {}",
                case.uses.len()
            ),
        );
        return p.finish();
    }
    for (view, side) in &case.views {
        check_pin(
            &mut p,
            rubric,
            &format!("views.{}", shown(view)),
            view,
            side,
        );
    }
    let mut uses = HashSet::new();
    for (ui, u) in case.uses.iter().enumerate() {
        let upath = format!("use {} ({})", ui + 1, shown(&u.id));
        check_id(&mut p, &format!("{upath}, id"), &u.id);
        if !uses.insert(u.id.as_str()) {
            p.add(
                &format!("{upath}, id"),
                format!("duplicate use {}", quote(&u.id)),
            );
        }
        for (qid, oid) in &u.answers {
            // Formatted only for a problem: most answers have none.
            let path = || format!("{upath}, answers.{}", shown(qid));
            let Some((_, q)) = rubric.question(qid) else {
                match retired_hint(rubric, qid, None) {
                    Some(hint) => p.add(&path(), hint),
                    None => p.add_hinted(
                        &path(),
                        format!("unknown question {}", quote(qid)),
                        did_you_mean(qid, rubric.questions().map(|(_, q)| q.id.as_str())),
                    ),
                }
                continue;
            };
            if let (None, Some(hint)) = (q.option(oid), retired_hint(rubric, qid, Some(oid))) {
                p.add(&path(), hint);
            } else if q.option(oid).is_none() {
                p.add_hinted(
                    &path(),
                    format!(
                        "unknown option {}; expected one of: {}",
                        quote(oid),
                        q.option_ids().join(", ")
                    ),
                    did_you_mean(oid, q.option_ids()),
                );
            } else if !q.applies(&u.answers) {
                let cond = q
                    .when
                    .as_ref()
                    .expect("only conditional questions can fail to apply");
                let actual = match u.answers.get(&cond.question) {
                    Some(a) => format!("this use answers {}", quote(a)),
                    None => "this use does not answer it".into(),
                };
                p.add(
                    &path(),
                    format!(
                        "question is asked only when {} is one of: {}; {actual}",
                        cond.question,
                        cond.any_of.join(", ")
                    ),
                );
            }
        }
        for qid in u.notes.keys() {
            if rubric.question(qid).is_none() {
                p.add(
                    &format!("{upath}, notes.{}", shown(qid)),
                    format!("unknown question {}", quote(qid)),
                );
            }
        }
        for (view, side) in &u.views {
            check_pin(
                &mut p,
                rubric,
                &format!("{upath}.views.{}", shown(view)),
                view,
                side,
            );
        }
        if let Some(court) = &u.court {
            if library.authorities.get(&court.authority).is_none() {
                p.add(
                    &format!("{upath}, court.authority"),
                    format!("unknown authority {}", quote(&court.authority)),
                );
            }
        }
    }
    p.finish()
}

/// A pinned legal view: the view and its side must exist.
fn check_pin(p: &mut Problems, rubric: &Rubric, path: &str, view: &str, side: &str) {
    match rubric.view(view) {
        None => p.add(
            path,
            format!(
                "unknown view {}; expected one of: {}",
                quote(view),
                rubric
                    .views
                    .iter()
                    .map(|v| v.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Some(v) if !v.sides.iter().any(|s| s.id == side) => p.add(
            path,
            format!(
                "unknown side {} of {}; expected one of: {}",
                quote(side),
                quote(view),
                v.sides
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Some(_) => {}
    }
}

/// A `--view id=side` pin from the command line, checked like a case file's.
pub fn view_pin(rubric: &Rubric, view: &str, side: &str) -> Result<(), Invalid> {
    let mut p = Problems::new("--view");
    check_pin(
        &mut p,
        rubric,
        &format!("{}={}", shown(view), shown(side)),
        view,
        side,
    );
    p.finish()
}

/// Whether a citation ends with its year in parentheses, allowing the
/// parentheticals Bluebook puts after it: "(6th Cir. 1996) (en banc)".
fn cites_year(citation: &str, year: u16) -> bool {
    const AFTER: [&str; 3] = [" (en banc)", " (per curiam)", " (mem.)"];
    let mut rest = citation;
    while let Some(stripped) = AFTER.iter().find_map(|a| rest.strip_suffix(a)) {
        rest = stripped;
    }
    rest.ends_with(&format!("{year})"))
}

#[cfg(test)]
mod citation_tests {
    use super::cites_year;

    #[test]
    fn the_year_may_be_followed_by_en_banc_or_per_curiam() {
        assert!(cites_year(
            "X v. Y, 99 F.3d 1381 (6th Cir. 1996) (en banc)",
            1996
        ));
        assert!(cites_year(
            "X v. Y, 802 F.3d 1178 (11th Cir. 2015) (per curiam)",
            2015
        ));
        assert!(cites_year("X v. Y, 1 U.S. 1 (1990)", 1990));
        assert!(!cites_year("X v. Y, 1 U.S. 1 (1990) (dissent)", 1990));
        assert!(!cites_year("X v. Y, 1 U.S. 1 (1991)", 1990));
    }
}
