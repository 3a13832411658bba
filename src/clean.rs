//! Sanitizes every text field once, at load, so that the TUI, the memo and
//! the JSON all show the same clean text.

use crate::model::{AuthorityLibrary, Case, Rubric};
use crate::sanitize::{clean_line, clean_text};

fn lines(values: &mut [String]) {
    values.iter_mut().for_each(clean_line);
}

pub fn case(case: &mut Case) {
    clean_line(&mut case.title);
    clean_line(&mut case.jurisdiction);
    clean_text(&mut case.facts);
    lines(&mut case.sources);
    if let Some(posture) = &mut case.posture {
        clean_text(posture);
    }
    if let Some(forum) = &mut case.forum {
        clean_line(forum);
    }
    if let Some(memo) = &mut case.memo {
        for field in [
            &mut memo.to,
            &mut memo.from,
            &mut memo.client,
            &mut memo.matter,
        ]
        .into_iter()
        .flatten()
        {
            clean_line(field);
        }
    }
    for u in &mut case.uses {
        clean_line(&mut u.title);
        clean_text(&mut u.description);
        if let Some(question) = &mut u.question {
            clean_line(question);
        }
        for note in u.notes.values_mut() {
            clean_text(note);
        }
        if let Some(court) = &mut u.court {
            clean_text(&mut court.note);
        }
    }
}

pub fn rubric(rubric: &mut Rubric) {
    clean_text(&mut rubric.weighting.note);
    for f in &mut rubric.factors {
        clean_line(&mut f.name);
        clean_line(&mut f.statute);
        for q in &mut f.questions {
            clean_line(&mut q.prompt);
            clean_text(&mut q.help);
            if let Some(topic) = &mut q.topic {
                clean_line(topic);
            }
            for o in &mut q.options {
                clean_line(&mut o.label);
                if let Some(phrase) = &mut o.phrase {
                    clean_line(phrase);
                }
                clean_text(&mut o.rationale);
                if let Some(step) = &mut o.step {
                    clean_text(step);
                }
            }
        }
    }
}

pub fn authorities(library: &mut AuthorityLibrary) {
    for a in &mut library.authorities {
        clean_line(&mut a.name);
        clean_line(&mut a.citation);
        clean_line(&mut a.short);
        clean_line(&mut a.court);
        clean_text(&mut a.holding);
        clean_text(&mut a.summary);
        for note in [&mut a.caveat, &mut a.pending].into_iter().flatten() {
            clean_text(note);
        }
        lines(&mut a.checked_against);
    }
}
