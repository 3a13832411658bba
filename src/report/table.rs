//! The plain-text score table: one row per use.

use super::signed;
use crate::engine::Analysis;
use crate::model::Case;
use std::fmt::Write;

pub fn header() -> String {
    format!(
        "{:<28} {:<22} {:>6} {:>6} {:>6} {:>6} {:>6}  {:<20} {:>5}\n",
        "CASE", "USE", "F1", "F2", "F3", "F4", "SCORE", "CONCLUSION", "CONF"
    )
}

pub fn rows(case: &Case, analysis: &Analysis) -> String {
    let mut out = String::new();
    for a in &analysis.uses {
        let f = |i: usize| {
            a.factors
                .get(i)
                .map_or_else(String::new, |f| signed(f.score))
        };
        let _ = writeln!(
            out,
            "{:<28} {:<22} {:>6} {:>6} {:>6} {:>6} {:>6}  {:<20} {:>4}%",
            case.id,
            a.use_id,
            f(0),
            f(1),
            f(2),
            f(3),
            signed(a.score),
            a.conclusion.describe(),
            (a.confidence * 100.0).round() as i64
        );
    }
    out
}
