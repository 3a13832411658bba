//! The memo's template context: everything a template can read, built from
//! the case, the library and the engine's analysis. Kept apart from the
//! rendering so a template author can see the whole vocabulary in one place.

use super::analysis::{IssueProse, UseProse};
use super::{Guidance, MemoOptions};
use crate::engine::{Analysis, UseAnalysis};
use crate::library::Library;
use crate::model::{Case, Use};
use crate::report::round3;
use crate::sanitize;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct Context<'a> {
    memo: MemoInfo<'a>,
    /// The heading's lines, each a value or a bracketed placeholder.
    heading: Heading,
    /// Which court's law binds, and what is only persuasive.
    forum: String,
    /// Claims § 107 does not answer that these facts raise.
    issues: Vec<IssueProse>,
    /// Recommended steps fitted to the answers, role and posture, with the
    /// preservation step first when litigation is pending or anticipated.
    advice: Vec<String>,
    /// Whether `--appendix scores` was asked for.
    appendix_scores: bool,
    case: CaseInfo<'a>,
    uses: Vec<UseInfo<'a>>,
    /// Every use's recommended steps, each once, in order of first appearance.
    steps: Vec<&'a str>,
}

#[derive(Serialize)]
struct Heading {
    to: String,
    from: String,
    client: String,
    matter: String,
    role: String,
    privilege: Option<&'static str>,
}

#[derive(Serialize)]
struct MemoInfo<'a> {
    date: &'a str,
    to: String,
    from: String,
    law_current_to: &'a str,
    weighting_note: &'a str,
    weighting_authorities: &'a [String],
}

#[derive(Serialize)]
struct CaseInfo<'a> {
    id: &'a str,
    title: &'a str,
    jurisdiction: &'a str,
    facts_as_of: &'a str,
    facts: &'a str,
    sources: &'a [String],
    posture: Option<&'a str>,
    decided: bool,
}

#[derive(Serialize)]
struct UseInfo<'a> {
    /// The use in prose: question, brief answer, factor paragraphs, weighing.
    prose: UseProse,
    id: &'a str,
    title: &'a str,
    description: &'a str,
    question: Option<&'a str>,
    score: f64,
    conclusion: &'static str,
    conclusion_text: &'static str,
    confidence: u32,
    /// The factor that pulls hardest on the overall score.
    driving_factor: Option<DrivingFactor<'a>>,
    key_facts: Vec<AnswerInfo<'a>>,
    /// Steps attached to the chosen answers, in rubric order, each once.
    steps: Vec<&'a str>,
    /// Answers that say a fact is not established.
    open_facts: Vec<AnswerInfo<'a>>,
    factors: Vec<FactorInfo<'a>>,
    pivotal: Vec<PivotalInfo<'a>>,
    court: Option<CourtInfo<'a>>,
}

#[derive(Serialize, Clone)]
struct AnswerInfo<'a> {
    factor: u8,
    question: &'a str,
    prompt: &'a str,
    option: &'a str,
    label: &'a str,
    lean: Option<i8>,
    open: bool,
    rationale: &'a str,
    step: Option<&'a str>,
    note: Option<&'a str>,
    authorities: &'a [String],
    /// Pull on the overall score, for choosing the facts a use turns on.
    weight: f64,
}

#[derive(Serialize)]
struct FactorInfo<'a> {
    number: u8,
    id: &'static str,
    name: &'a str,
    statute: &'a str,
    score: f64,
    label: &'static str,
    label_text: &'static str,
    answers: Vec<AnswerInfo<'a>>,
    unanswered: Vec<&'a str>,
}

#[derive(Serialize)]
struct DrivingFactor<'a> {
    number: u8,
    name: &'a str,
    label_text: &'static str,
}

#[derive(Serialize)]
struct PivotalInfo<'a> {
    prompt: &'a str,
    from: Option<&'a str>,
    to: &'a str,
    conclusion_text: &'static str,
    score: f64,
}

#[derive(Serialize)]
struct CourtInfo<'a> {
    authority: &'a str,
    holding_text: &'static str,
    conclusion_agrees: bool,
    factors: Vec<CourtFactorInfo<'a>>,
    note: &'a str,
}

#[derive(Serialize)]
struct CourtFactorInfo<'a> {
    number: u8,
    name: &'a str,
    court: &'static str,
    tool: &'static str,
    agrees: bool,
}

pub(super) fn context<'a>(
    library: &'a Library,
    guidance: &Guidance,
    case: &'a Case,
    analysis: &'a Analysis,
    options: &'a MemoOptions,
) -> Context<'a> {
    let prose = super::case_prose(
        &library.rubric,
        &library.authorities,
        guidance,
        case,
        &analysis.uses,
    );
    let uses: Vec<UseInfo> = case
        .uses
        .iter()
        .zip(&analysis.uses)
        .zip(prose.uses)
        .map(|((u, a), p)| use_info(library, u, a, p))
        .collect();
    let head = case.memo.clone().unwrap_or_default();
    let pick = |flag: &str, field: &Option<String>, blank: &str| -> String {
        let chosen = if flag.trim().is_empty() {
            field.as_deref().unwrap_or("")
        } else {
            flag
        };
        let chosen = sanitize::line(chosen);
        if chosen.is_empty() {
            blank.to_string()
        } else {
            chosen
        }
    };
    let heading = Heading {
        to: pick(&options.to, &head.to, "[Supervising partner]"),
        from: pick(&options.from, &head.from, "[Associate]"),
        client: pick("", &head.client, "[Client]"),
        matter: pick("", &head.matter, "[Matter]"),
        role: match head.role {
            Some(crate::model::Role::Counselling) => "Counselling the client on its own conduct",
            Some(crate::model::Role::Litigation) => "Litigation counsel",
            Some(crate::model::Role::Policy) => "Policy analysis",
            Some(crate::model::Role::Teaching) => "Teaching exercise",
            None => "[Our role]",
        }
        .to_string(),
        privilege: super::privilege_line(case),
    };
    let mut steps: Vec<&str> = Vec::new();
    for step in uses.iter().flat_map(|u| &u.steps) {
        if !steps.contains(step) {
            steps.push(step);
        }
    }
    Context {
        heading,
        forum: prose.forum,
        issues: prose.issues,
        advice: prose.steps,
        appendix_scores: options.appendix_scores,
        steps,
        memo: MemoInfo {
            date: &options.date,
            to: sanitize::line(&options.to),
            from: sanitize::line(&options.from),
            law_current_to: &library.authorities.current_to,
            weighting_note: &library.rubric.weighting.note,
            weighting_authorities: &library.rubric.weighting.authorities,
        },
        case: CaseInfo {
            id: &case.id,
            title: &case.title,
            jurisdiction: &case.jurisdiction,
            facts_as_of: &case.facts_as_of,
            facts: &case.facts,
            sources: &case.sources,
            posture: case.posture.as_deref(),
            decided: case.uses.iter().any(|u| u.court.is_some()),
        },
        uses,
    }
}

fn use_info<'a>(
    library: &'a Library,
    u: &'a Use,
    a: &'a UseAnalysis,
    prose: UseProse,
) -> UseInfo<'a> {
    let rubric = &library.rubric;
    let answer = |qid: &str, factor_weight: f64, share: f64| -> Option<AnswerInfo<'a>> {
        let (f, q) = rubric.question(qid)?;
        let o = q.option(u.answers.get(qid)?)?;
        Some(AnswerInfo {
            factor: f.id.number(),
            question: &q.id,
            prompt: &q.prompt,
            option: &o.id,
            label: &o.label,
            lean: o.lean,
            open: o.open,
            rationale: &o.rationale,
            step: o.step.as_deref(),
            note: u.notes.get(qid).map(String::as_str),
            authorities: &o.authorities,
            weight: factor_weight * share,
        })
    };
    let total_weight: f64 = rubric.factors.iter().map(|f| f.weight).sum();
    let factors: Vec<FactorInfo> = a
        .factors
        .iter()
        .filter_map(|fs| {
            let factor = rubric.factor(fs.factor)?;
            let share = |qid: &str| {
                fs.drivers
                    .iter()
                    .find(|d| d.question == qid)
                    .map_or(0.0, |d| d.contribution)
            };
            let answers = factor
                .questions
                .iter()
                .filter(|q| u.answers.contains_key(&q.id))
                .filter_map(|q| answer(&q.id, factor.weight / total_weight, share(&q.id)))
                .collect();
            Some(FactorInfo {
                number: fs.factor.number(),
                id: fs.factor.as_str(),
                name: &factor.name,
                statute: &factor.statute,
                score: round3(fs.score),
                label: fs.label.as_str(),
                label_text: fs.label.describe(),
                answers,
                unanswered: fs
                    .unanswered
                    .iter()
                    .filter_map(|q| rubric.question(q).map(|(_, q)| q.prompt.as_str()))
                    .collect(),
            })
        })
        .collect();
    // The facts the conclusion turns on: the answers pulling hardest in its direction.
    let mut key_facts: Vec<AnswerInfo> = factors
        .iter()
        .flat_map(|f| f.answers.iter().cloned())
        .filter(|x| x.weight * a.score.signum() > 0.0)
        .collect();
    key_facts.sort_by(|x, y| y.weight.abs().total_cmp(&x.weight.abs()));
    key_facts.truncate(2);
    let label_of = |qid: &str, oid: &str| -> Option<&'a str> {
        rubric
            .question(qid)
            .and_then(|(_, q)| q.option(oid))
            .map(|o| o.label.as_str())
    };
    let driving_factor = a
        .factors
        .iter()
        .filter_map(|fs| {
            let f = rubric.factor(fs.factor)?;
            Some((f.weight * fs.score, fs, f))
        })
        .max_by(|x, y| x.0.abs().total_cmp(&y.0.abs()))
        .filter(|(pull, _, _)| *pull != 0.0)
        .map(|(_, fs, f)| DrivingFactor {
            number: fs.factor.number(),
            name: &f.name,
            label_text: fs.label.describe(),
        });
    let mut steps: Vec<&str> = Vec::new();
    for step in factors
        .iter()
        .flat_map(|f| &f.answers)
        .filter_map(|x| x.step)
    {
        if !steps.contains(&step) {
            steps.push(step);
        }
    }
    let open_facts = factors
        .iter()
        .flat_map(|f| f.answers.iter().filter(|x| x.open).cloned())
        .collect();
    UseInfo {
        prose,
        open_facts,
        steps,
        driving_factor,
        id: &u.id,
        title: &u.title,
        description: &u.description,
        question: u.question.as_deref(),
        score: round3(a.score),
        conclusion: a.conclusion.as_str(),
        conclusion_text: a.conclusion.describe(),
        confidence: (a.confidence * 100.0).round() as u32,
        key_facts,
        pivotal: a
            .pivotal
            .iter()
            .filter_map(|p| {
                let (_, q) = rubric.question(&p.question)?;
                Some(PivotalInfo {
                    prompt: &q.prompt,
                    from: p.from.as_deref().and_then(|f| label_of(&p.question, f)),
                    to: label_of(&p.question, &p.to)?,
                    conclusion_text: p.conclusion.describe(),
                    score: round3(p.score),
                })
            })
            .collect(),
        court: u
            .court
            .as_ref()
            .zip(a.court.as_ref())
            .map(|(ruling, cmp)| CourtInfo {
                authority: &ruling.authority,
                holding_text: ruling.holding.describe(),
                conclusion_agrees: cmp.conclusion_agrees,
                factors: cmp
                    .factors
                    .iter()
                    .map(|f| CourtFactorInfo {
                        number: f.factor.number(),
                        name: rubric.factor(f.factor).map_or("", |x| x.name.as_str()),
                        court: f.court.describe(),
                        tool: f.tool.describe(),
                        agrees: f.agrees,
                    })
                    .collect(),
                note: &ruling.note,
            }),
        factors,
    }
}
