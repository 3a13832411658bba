//! `fairuse backtest`: the engine beside the courts, for every decided use.

use crate::engine::{self, FactorComparison};
use crate::library::Library;
use crate::model::Case;
use std::fmt::Write;

/// The report, and whether every conclusion matched its court's holding.
pub fn render(library: &Library, cases: &[Case]) -> (String, bool) {
    let mut out = String::new();
    let (mut uses, mut agree, mut factors, mut factors_agree) = (0, 0, 0, 0);
    let _ = writeln!(
        out,
        "{:<44} {:<14} {:<22} {:<13} {:<13} {:<13} {:<13}",
        "CASE / USE", "COURT", "TOOL", "F1 crt/tool", "F2 crt/tool", "F3 crt/tool", "F4 crt/tool"
    );
    for case in cases {
        let analysis = engine::analyse(&library.rubric, case);
        for a in &analysis.uses {
            let Some(court) = &a.court else { continue };
            uses += 1;
            agree += usize::from(court.conclusion_agrees);
            let cell = |n: u8| -> String {
                match court.factors.iter().find(|f| f.factor.number() == n) {
                    Some(FactorComparison {
                        court: c,
                        tool: t,
                        agrees,
                        ..
                    }) => format!(
                        "{}/{}{}",
                        short(c.as_str()),
                        short(t.as_str()),
                        if *agrees { "" } else { " ≠" }
                    ),
                    None => "-".into(),
                }
            };
            factors += court.factors.len();
            factors_agree += court.factors.iter().filter(|f| f.agrees).count();
            let _ = writeln!(
                out,
                "{:<44} {:<14} {:<22} {:<13} {:<13} {:<13} {:<13}",
                format!("{}/{}", case.id, a.use_id),
                court.holding.as_str(),
                format!(
                    "{}{}",
                    a.conclusion.as_str(),
                    if court.conclusion_agrees { "" } else { " ≠" }
                ),
                cell(1),
                cell(2),
                cell(3),
                cell(4)
            );
        }
    }
    let _ = writeln!(
        out,
        "\nconclusions agree: {agree} of {uses} decided uses; factor findings agree: {factors_agree} of {factors}"
    );
    let _ = writeln!(
        out,
        "(fav = favors fair use, neu = neutral, dis = disfavors; ≠ marks a disagreement, explained in the case file's court note)"
    );
    let out: String = out
        .lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect();
    (out, agree == uses)
}

fn short(finding: &str) -> &'static str {
    match finding {
        "favors" => "fav",
        "neutral" => "neu",
        "disfavors" => "dis",
        _ => "n/r",
    }
}
