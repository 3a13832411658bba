//! Sanitizes every text field once, at load, so that the TUI, the memo and
//! the JSON all show the same clean text.

use crate::model::{AuthorityLibrary, Case, Rubric};
use crate::sanitize::{line, text};

fn lines(values: &mut [String]) {
    for v in values {
        *v = line(v);
    }
}

pub fn case(case: &mut Case) {
    case.title = line(&case.title);
    case.jurisdiction = line(&case.jurisdiction);
    case.facts = text(&case.facts);
    lines(&mut case.sources);
    if let Some(posture) = &mut case.posture {
        *posture = text(posture);
    }
    if let Some(forum) = &mut case.forum {
        *forum = line(forum);
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
            *field = line(field);
        }
    }
    for u in &mut case.uses {
        u.title = line(&u.title);
        u.description = text(&u.description);
        if let Some(question) = &mut u.question {
            *question = line(question);
        }
        for note in u.notes.values_mut() {
            *note = text(note);
        }
        if let Some(court) = &mut u.court {
            court.note = text(&court.note);
        }
    }
}

pub fn rubric(rubric: &mut Rubric) {
    rubric.weighting.note = text(&rubric.weighting.note);
    for f in &mut rubric.factors {
        f.name = line(&f.name);
        f.statute = line(&f.statute);
        for q in &mut f.questions {
            q.prompt = line(&q.prompt);
            q.help = text(&q.help);
            if let Some(topic) = &mut q.topic {
                *topic = line(topic);
            }
            for o in &mut q.options {
                o.label = line(&o.label);
                if let Some(phrase) = &mut o.phrase {
                    *phrase = line(phrase);
                }
                o.rationale = text(&o.rationale);
                if let Some(step) = &mut o.step {
                    *step = text(step);
                }
            }
        }
    }
}

pub fn authorities(library: &mut AuthorityLibrary) {
    for a in &mut library.authorities {
        a.name = line(&a.name);
        a.citation = line(&a.citation);
        a.short = line(&a.short);
        a.court = line(&a.court);
        a.holding = text(&a.holding);
        a.summary = text(&a.summary);
        for note in [&mut a.caveat, &mut a.pending].into_iter().flatten() {
            *note = text(note);
        }
        lines(&mut a.checked_against);
    }
}
