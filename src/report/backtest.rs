//! `fairuse backtest`: the engine beside the courts, for every decided use
//! (bundled cases with a court ruling and the corpus in `cases/decided/`).
//! It measures agreement; it is never a gate, and nothing is tuned to it.
//!
//! Nothing in the rubric is fitted to the corpus, so the engine's figures
//! need no leave-one-out. The one thing drawn from the corpus, the vote of
//! the closest decided cases, is leave-one-out by construction: a use's own
//! case is never among its closest cases.

use crate::engine::{self, nearest, Corpus, Setting};
use crate::library::Library;
use crate::model::{Case, FactorId};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct Backtest {
    pub uses: Vec<UseRow>,
    pub summary: Summary,
}

#[derive(Debug, Serialize)]
pub struct UseRow {
    pub case: String,
    #[serde(rename = "use")]
    pub use_id: String,
    pub authority: String,
    pub holding: &'static str,
    pub conclusion: &'static str,
    /// The conclusion matches the holding (a close call matches neither).
    pub agree: bool,
    /// Views the conclusion turns on, if it is a close call because of them.
    pub turns_on: Vec<String>,
    /// Per factor the court decided: the court's finding, the tool's, and whether they agree.
    pub factors: BTreeMap<&'static str, FactorRow>,
    /// The holding most of the closest decided cases (other cases only) reached.
    pub nearest_vote: Option<&'static str>,
    pub nearest_agree: bool,
}

#[derive(Debug, Serialize)]
pub struct FactorRow {
    pub court: &'static str,
    pub tool: &'static str,
    pub agree: bool,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub uses: usize,
    pub holdings_agree: usize,
    pub close_calls: usize,
    /// Per factor: findings compared and agreeing.
    pub factors: BTreeMap<&'static str, Tally>,
    pub factors_agree: usize,
    pub factors_compared: usize,
    /// The closest-cases vote, leave-one-out (a use's own case excluded).
    pub nearest_vote: Tally,
    /// Whether anything in the engine is fitted to the corpus (it is not).
    pub fitted: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct Tally {
    pub compared: usize,
    pub agree: usize,
}

/// Runs the backtest over every decided use among the cases.
pub fn run(library: &Library, cases: &[Case]) -> Backtest {
    let corpus = Corpus::from_cases(&library.rubric, &library.authorities, cases);
    let setting = Setting {
        pins: None,
        corpus: Some(&corpus),
    };
    let mut uses = Vec::new();
    let mut summary = Summary {
        uses: 0,
        holdings_agree: 0,
        close_calls: 0,
        factors: FactorId::ALL
            .iter()
            .map(|f| (f.as_str(), Tally::default()))
            .collect(),
        factors_agree: 0,
        factors_compared: 0,
        nearest_vote: Tally::default(),
        fitted: false,
    };
    for case in cases {
        let analysis = engine::analyse_with(&library.rubric, case, setting);
        for a in &analysis.uses {
            let Some(court) = &a.court else { continue };
            summary.uses += 1;
            summary.holdings_agree += usize::from(court.conclusion_agrees);
            summary.close_calls += usize::from(a.conclusion == engine::Conclusion::CloseCall);
            let mut factors = BTreeMap::new();
            for f in &court.factors {
                let tally = summary.factors.entry(f.factor.as_str()).or_default();
                tally.compared += 1;
                tally.agree += usize::from(f.agrees);
                summary.factors_compared += 1;
                summary.factors_agree += usize::from(f.agrees);
                factors.insert(
                    f.factor.as_str(),
                    FactorRow {
                        court: f.court.as_str(),
                        tool: f.tool.as_str(),
                        agree: f.agrees,
                    },
                );
            }
            let vote = nearest::vote(&a.nearest);
            let nearest_agree = vote == Some(court.holding);
            if !a.nearest.is_empty() {
                summary.nearest_vote.compared += 1;
                summary.nearest_vote.agree += usize::from(nearest_agree);
            }
            uses.push(UseRow {
                case: case.id.clone(),
                use_id: a.use_id.clone(),
                authority: court.authority.clone(),
                holding: court.holding.as_str(),
                conclusion: a.conclusion.as_str(),
                agree: court.conclusion_agrees,
                turns_on: a.views.turns_on.clone(),
                factors,
                nearest_vote: vote.map(|h| h.as_str()),
                nearest_agree,
            });
        }
    }
    Backtest { uses, summary }
}

fn percent(agree: usize, of: usize) -> String {
    if of == 0 {
        "-".into()
    } else {
        format!("{:.0}%", 100.0 * agree as f64 / of as f64)
    }
}

/// The report as a table.
pub fn render(library: &Library, cases: &[Case]) -> String {
    let result = run(library, cases);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<44} {:<14} {:<22} {:<13} {:<13} {:<13} {:<13} {:<14}",
        "CASE / USE",
        "COURT",
        "TOOL",
        "F1 crt/tool",
        "F2 crt/tool",
        "F3 crt/tool",
        "F4 crt/tool",
        "NEAREST VOTE"
    );
    for row in &result.uses {
        let cell = |f: FactorId| -> String {
            match row.factors.get(f.as_str()) {
                Some(FactorRow { court, tool, agree }) => format!(
                    "{}/{}{}",
                    short(court),
                    short(tool),
                    if *agree { "" } else { " ≠" }
                ),
                None => "-".into(),
            }
        };
        let _ = writeln!(
            out,
            "{:<44} {:<14} {:<22} {:<13} {:<13} {:<13} {:<13} {:<14}",
            format!("{}/{}", row.case, row.use_id),
            row.holding,
            format!("{}{}", row.conclusion, if row.agree { "" } else { " ≠" }),
            cell(FactorId::Purpose),
            cell(FactorId::Nature),
            cell(FactorId::Amount),
            cell(FactorId::Market),
            match row.nearest_vote {
                Some(v) => format!("{v}{}", if row.nearest_agree { "" } else { " ≠" }),
                None => "-".into(),
            }
        );
    }
    let s = &result.summary;
    let _ = writeln!(
        out,
        "\nholdings agree: {} of {} decided uses ({}); close calls: {}",
        s.holdings_agree,
        s.uses,
        percent(s.holdings_agree, s.uses),
        s.close_calls
    );
    let per_factor: Vec<String> = FactorId::ALL
        .iter()
        .map(|f| {
            let t = &s.factors[f.as_str()];
            format!("F{} {} of {}", f.number(), t.agree, t.compared)
        })
        .collect();
    let _ = writeln!(
        out,
        "factor findings agree: {} of {} ({}): {}",
        s.factors_agree,
        s.factors_compared,
        percent(s.factors_agree, s.factors_compared),
        per_factor.join(", ")
    );
    let _ = writeln!(
        out,
        "closest-cases vote (leave-one-out: a use's own case excluded): {} of {} ({})",
        s.nearest_vote.agree,
        s.nearest_vote.compared,
        percent(s.nearest_vote.agree, s.nearest_vote.compared)
    );
    let _ = writeln!(
        out,
        "nothing in the rubric is fitted to these cases; disagreement is reported, not an error.\n\
         (fav = favors fair use, neu = neutral, dis = disfavors; ≠ marks a disagreement, the case file's court note gives the court's reasons)"
    );
    out.lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect()
}

fn short(finding: &str) -> &'static str {
    match finding {
        "favors" => "fav",
        "neutral" => "neu",
        "disfavors" => "dis",
        _ => "n/r",
    }
}
