//! The scoring engine: pure, deterministic, and the only place that turns
//! answers into factor scores and a conclusion. The CLI, the TUI and the memo
//! all call it, so they cannot disagree.

pub mod consistency;
mod pivotal;
mod score;

pub use pivotal::{pivotal_facts, PivotalFact};
pub use score::{applies, score_factor, FactorScore};

use crate::model::{Case, FactorId, Finding, Holding, Rubric, Use};
use serde::Serialize;

/// Overall scores at or beyond these lines give a firm conclusion.
pub const FAIR_USE_LINE: f64 = 0.15;
pub const NOT_FAIR_USE_LINE: f64 = -0.15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conclusion {
    LikelyFairUse,
    CloseCall,
    LikelyNotFairUse,
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
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Conclusion::LikelyFairUse => "likely fair use",
            Conclusion::CloseCall => "close call",
            Conclusion::LikelyNotFairUse => "likely not fair use",
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

impl Label {
    pub fn from_score(score: f64) -> Self {
        if score >= 0.5 {
            Label::StronglyFavors
        } else if score >= 0.15 {
            Label::Favors
        } else if score > -0.15 {
            Label::Neutral
        } else if score > -0.5 {
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
    pub score: f64,
    pub conclusion: Conclusion,
    pub confidence: f64,
    /// Four, in statutory order.
    pub factors: Vec<FactorScore>,
    pub pivotal: Vec<PivotalFact>,
    pub court: Option<CourtComparison>,
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

/// Analyses every use of a case.
pub fn analyse(rubric: &Rubric, case: &Case) -> Analysis {
    Analysis {
        case_id: case.id.clone(),
        uses: case.uses.iter().map(|u| analyse_use(rubric, u)).collect(),
    }
}

/// Scores, conclusion, confidence, pivotal facts and court comparison for one use.
pub fn analyse_use(rubric: &Rubric, the_use: &Use) -> UseAnalysis {
    let (score, factors) = score::overall(rubric, &the_use.answers);
    let conclusion = Conclusion::from_score(score);
    UseAnalysis {
        use_id: the_use.id.clone(),
        score,
        conclusion,
        confidence: confidence(score, &factors),
        pivotal: pivotal_facts(rubric, &the_use.answers, &factors, conclusion),
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
    }
}

/// How far to trust the conclusion, in [0, 1]: the share of applicable
/// questions answered with an established fact, discounted as the score
/// nears a conclusion line.
fn confidence(score: f64, factors: &[FactorScore]) -> f64 {
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
    answered * margin
}

#[cfg(test)]
mod tests;
