//! The scoring engine: pure, deterministic, and the only place that turns
//! answers into factor scores and a conclusion. The CLI, the TUI and the memo
//! all call it, so they cannot disagree.

pub mod consistency;
pub mod nearest;
mod pivotal;
mod score;
pub mod views;

pub use nearest::{Corpus, Nearest};
pub use pivotal::{pivotal_facts, PivotalFact};
pub use score::{applies, lean_of, score_factor, FactorScore, Sides};
pub use views::ViewsAnalysis;

use crate::model::{Case, FactorId, Finding, Holding, Rubric, Use};
use serde::Serialize;
use std::collections::BTreeMap;

/// Scores at or beyond these lines lean one way: an overall score gives a
/// firm conclusion, a factor's score favors or disfavors fair use. Said once
/// here; the labels, the colours and the distance to a close call use them.
pub const FAIR_USE_LINE: f64 = 0.15;
pub const NOT_FAIR_USE_LINE: f64 = -0.15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conclusion {
    LikelyFairUse,
    CloseCall,
    LikelyNotFairUse,
    /// Nothing protected was taken (the threshold question): the use needs
    /// no fair-use defense, and the factors are not weighed.
    NoProtectedExpression,
}

impl Conclusion {
    pub fn from_score(score: f64) -> Self {
        if score >= FAIR_USE_LINE {
            Conclusion::LikelyFairUse
        } else if score <= NOT_FAIR_USE_LINE {
            Conclusion::LikelyNotFairUse
        } else {
            Conclusion::CloseCall
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Conclusion::LikelyFairUse => "likely_fair_use",
            Conclusion::CloseCall => "close_call",
            Conclusion::LikelyNotFairUse => "likely_not_fair_use",
            Conclusion::NoProtectedExpression => "no_protected_expression",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Conclusion::LikelyFairUse => "likely fair use",
            Conclusion::CloseCall => "close call",
            Conclusion::LikelyNotFairUse => "likely not fair use",
            Conclusion::NoProtectedExpression => "no fair-use defense needed",
        }
    }

    /// Whether this conclusion matches a court's holding.
    pub fn agrees_with(self, holding: Holding) -> bool {
        matches!(
            (self, holding),
            (Conclusion::LikelyFairUse, Holding::FairUse)
                | (Conclusion::LikelyNotFairUse, Holding::NotFairUse)
        )
    }
}

/// A factor score in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    StronglyFavors,
    Favors,
    Neutral,
    Disfavors,
    StronglyDisfavors,
}

/// A factor score at or beyond this is "strongly" for or against: most of
/// the factor's weight sits on answers the cases treat as weighing heavily
/// (lean ±2), as when a court calls a use highly transformative or a
/// substitute. A mere majority of moderate answers is not "strongly".
pub const STRONG_LINE: f64 = 0.7;

impl Label {
    pub fn from_score(score: f64) -> Self {
        if score >= STRONG_LINE {
            Label::StronglyFavors
        } else if score >= FAIR_USE_LINE {
            Label::Favors
        } else if score > NOT_FAIR_USE_LINE {
            Label::Neutral
        } else if score > -STRONG_LINE {
            Label::Disfavors
        } else {
            Label::StronglyDisfavors
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Label::StronglyFavors => "strongly_favors",
            Label::Favors => "favors",
            Label::Neutral => "neutral",
            Label::Disfavors => "disfavors",
            Label::StronglyDisfavors => "strongly_disfavors",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Label::StronglyFavors => "strongly favors fair use",
            Label::Favors => "favors fair use",
            Label::Neutral => "neutral",
            Label::Disfavors => "disfavors fair use",
            Label::StronglyDisfavors => "strongly disfavors fair use",
        }
    }

    /// The three-way finding a court would state.
    pub fn finding(self) -> Finding {
        match self {
            Label::StronglyFavors | Label::Favors => Finding::Favors,
            Label::Neutral => Finding::Neutral,
            Label::Disfavors | Label::StronglyDisfavors => Finding::Disfavors,
        }
    }
}

/// The analysis of one use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UseAnalysis {
    pub use_id: String,
    /// The overall score under the primary sides of the legal views
    /// (`views.primary`); with the threshold unmet it is still computed, for
    /// reference, but not weighed.
    pub score: f64,
    /// The conclusion under every combination of the engaged views when they
    /// agree; a close call when they do not (see `views.turns_on`).
    pub conclusion: Conclusion,
    pub confidence: f64,
    /// Four, in statutory order, under the primary sides.
    pub factors: Vec<FactorScore>,
    pub pivotal: Vec<PivotalFact>,
    pub court: Option<CourtComparison>,
    pub views: ViewsAnalysis,
    /// The threshold question's answer, when the rubric has one.
    pub threshold: Option<Threshold>,
    /// The closest decided cases (each by its closest use), when a corpus was given.
    pub nearest: Vec<Nearest>,
}

/// Whether what was taken is protected expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    pub question: String,
    pub answer: Option<String>,
    /// False only when the answer says nothing protected was taken.
    pub protected: bool,
    /// The answer is unknown or not given: the factors are scored on the
    /// assumption that protected expression was taken.
    pub open: bool,
    /// Why no defense is needed, when none is.
    pub reason: Option<String>,
}

/// The tool's view beside the court's, for a decided use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourtComparison {
    pub authority: String,
    pub holding: Holding,
    pub conclusion_agrees: bool,
    pub factors: Vec<FactorComparison>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorComparison {
    pub factor: FactorId,
    pub court: Finding,
    pub tool: Finding,
    pub agrees: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub case_id: String,
    pub uses: Vec<UseAnalysis>,
}

/// What the analysis takes from outside the case file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Setting<'a> {
    /// Views pinned on the command line; they override the case file's.
    pub pins: Option<&'a Sides>,
    /// Decided uses to find the closest cases among.
    pub corpus: Option<&'a Corpus>,
}

/// Analyses every use of a case, with its own pins and no corpus.
pub fn analyse(rubric: &Rubric, case: &Case) -> Analysis {
    analyse_with(rubric, case, Setting::default())
}

/// Analyses every use of a case in a setting (pins, corpus).
pub fn analyse_with(rubric: &Rubric, case: &Case, setting: Setting) -> Analysis {
    Analysis {
        case_id: case.id.clone(),
        uses: case
            .uses
            .iter()
            .map(|u| analyse_in(rubric, Some(case), u, setting))
            .collect(),
    }
}

/// One use with its own pins and no corpus (the TUI's live summary).
pub fn analyse_use(rubric: &Rubric, the_use: &Use) -> UseAnalysis {
    analyse_in(rubric, None, the_use, Setting::default())
}

/// The pins that apply to a use: the case's, then the use's, then the
/// command line's, each overriding the one before.
pub fn pins_for(case: Option<&Case>, the_use: &Use, setting: Setting) -> Sides {
    let mut pins = case.map(|c| c.views.clone()).unwrap_or_default();
    pins.extend(the_use.views.clone());
    if let Some(cli) = setting.pins {
        pins.extend(cli.clone());
    }
    pins
}

/// Scores, conclusion, views, threshold, confidence, pivotal facts, closest
/// cases and court comparison for one use.
pub fn analyse_in(
    rubric: &Rubric,
    case: Option<&Case>,
    the_use: &Use,
    setting: Setting,
) -> UseAnalysis {
    let answers = &the_use.answers;
    let pins = pins_for(case, the_use, setting);
    let views = views::analyse(rubric, answers, &pins);
    let (score, factors) = score::overall(rubric, answers, &views.primary);
    let threshold = threshold(rubric, answers);
    let conclusion = combined(threshold.as_ref(), &views);
    let nearest = setting.corpus.map_or_else(Vec::new, |corpus| {
        nearest::nearest(rubric, corpus, case.map(|c| c.id.as_str()), answers)
    });
    UseAnalysis {
        use_id: the_use.id.clone(),
        score,
        conclusion,
        confidence: confidence(score, &factors, &views),
        pivotal: pivotal_facts(rubric, answers, &pins, conclusion),
        court: the_use.court.as_ref().map(|ruling| CourtComparison {
            authority: ruling.authority.clone(),
            holding: ruling.holding,
            conclusion_agrees: conclusion.agrees_with(ruling.holding),
            factors: factors
                .iter()
                .filter_map(|f| {
                    let court = *ruling.factors.get(&f.factor)?;
                    let tool = f.label.finding();
                    Some(FactorComparison {
                        factor: f.factor,
                        court,
                        tool,
                        agrees: court == tool,
                    })
                })
                .collect(),
        }),
        factors,
        views,
        threshold,
        nearest,
    }
}

/// The primary score and the full conclusion (threshold included) for a
/// use's answers by position: what the pivotal facts compare.
fn conclude_at(
    index: &crate::model::RubricIndex,
    answers: &[Option<usize>],
    pins: &views::Pins,
) -> (f64, Conclusion) {
    let (score, conclusion) = views::conclusion_at(index, answers, pins);
    let unprotected = index
        .threshold
        .is_some_and(|t| answers[t].is_some_and(|o| index.questions[t].options[o].unprotected));
    if unprotected {
        (score, Conclusion::NoProtectedExpression)
    } else {
        (score, conclusion)
    }
}

fn combined(threshold: Option<&Threshold>, views: &ViewsAnalysis) -> Conclusion {
    if threshold.is_some_and(|t| !t.protected) {
        Conclusion::NoProtectedExpression
    } else {
        views::conclusion(&views.combinations)
    }
}

/// The threshold question's answer for a use.
pub fn threshold(rubric: &Rubric, answers: &BTreeMap<String, String>) -> Option<Threshold> {
    let q = rubric.threshold()?;
    let option = answers.get(&q.id).and_then(|a| q.option(a));
    let unprotected = option.is_some_and(|o| o.unprotected);
    Some(Threshold {
        question: q.id.clone(),
        answer: option.map(|o| o.id.clone()),
        protected: !unprotected,
        open: option.is_none_or(|o| o.open),
        reason: option
            .filter(|o| o.unprotected)
            .map(|o| o.rationale.clone()),
    })
}

/// How far to trust the conclusion, in [0, 1]: the share of applicable
/// questions answered with an established fact, discounted as the score
/// nears a conclusion line, and halved when the conclusion turns on a view.
fn confidence(score: f64, factors: &[FactorScore], views: &ViewsAnalysis) -> f64 {
    let applicable: usize = factors.iter().map(|f| f.applicable).sum();
    let unanswered: usize = factors
        .iter()
        .map(|f| f.unanswered.len() + f.open.len())
        .sum();
    let answered = if applicable == 0 {
        0.0
    } else {
        (applicable - unanswered) as f64 / applicable as f64
    };
    let distance = (score - FAIR_USE_LINE)
        .abs()
        .min((score - NOT_FAIR_USE_LINE).abs());
    // Half the confidence rides on distance from the nearest line; 0.35 away is "clear".
    let margin = 0.5 + 0.5 * (distance / 0.35).min(1.0);
    // A conclusion that turns on an open split is no firmer than a coin toss
    // on the split, whatever the primary score's margin.
    let split = if views.holds_under_every_view() {
        1.0
    } else {
        0.5
    };
    answered * margin * split
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_views;
