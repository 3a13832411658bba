//! The documented, stable JSON view (`score --format json`). Its shape is kept
//! separate from the engine's types so internal changes do not break users.

use super::round3;
use crate::engine::Analysis;
use crate::library::Library;
use crate::model::Case;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct CaseJson {
    pub case: String,
    pub title: String,
    pub uses: Vec<UseJson>,
}

#[derive(Serialize)]
pub struct UseJson {
    #[serde(rename = "use")]
    pub use_id: String,
    pub title: String,
    pub score: f64,
    pub conclusion: &'static str,
    pub confidence: f64,
    pub factors: Vec<FactorJson>,
    pub pivotal: Vec<PivotalJson>,
    pub court: Option<CourtJson>,
}

#[derive(Serialize)]
pub struct FactorJson {
    pub factor: u8,
    pub name: String,
    pub score: f64,
    pub label: &'static str,
    pub unanswered: Vec<String>,
    pub open: Vec<String>,
}

#[derive(Serialize)]
pub struct PivotalJson {
    pub question: String,
    pub from: Option<String>,
    pub to: String,
    pub conclusion: &'static str,
    pub score: f64,
}

#[derive(Serialize)]
pub struct CourtJson {
    pub authority: String,
    pub holding: &'static str,
    pub factors: BTreeMap<&'static str, &'static str>,
}

pub fn case_json(library: &Library, case: &Case, analysis: &Analysis) -> CaseJson {
    CaseJson {
        case: case.id.clone(),
        title: case.title.clone(),
        uses: case
            .uses
            .iter()
            .zip(&analysis.uses)
            .map(|(u, a)| UseJson {
                use_id: u.id.clone(),
                title: u.title.clone(),
                score: round3(a.score),
                conclusion: a.conclusion.as_str(),
                confidence: round3(a.confidence),
                factors: a
                    .factors
                    .iter()
                    .map(|f| FactorJson {
                        factor: f.factor.number(),
                        name: library
                            .rubric
                            .factor(f.factor)
                            .map_or_else(String::new, |x| x.name.clone()),
                        score: round3(f.score),
                        label: f.label.as_str(),
                        unanswered: f.unanswered.clone(),
                        open: f.open.clone(),
                    })
                    .collect(),
                pivotal: a
                    .pivotal
                    .iter()
                    .map(|p| PivotalJson {
                        question: p.question.clone(),
                        from: p.from.clone(),
                        to: p.to.clone(),
                        conclusion: p.conclusion.as_str(),
                        score: round3(p.score),
                    })
                    .collect(),
                court: u.court.as_ref().map(|c| CourtJson {
                    authority: c.authority.clone(),
                    holding: c.holding.as_str(),
                    factors: c
                        .factors
                        .iter()
                        .map(|(f, finding)| (f.as_str(), finding.as_str()))
                        .collect(),
                }),
            })
            .collect(),
    }
}
