//! The plain-text score table: one row per use, columns sized to fit.

use super::signed;
use crate::engine::Analysis;
use crate::model::Case;
use std::fmt::Write;

pub fn render(scored: &[(&Case, &Analysis)]) -> String {
    let mut rows = vec![[
        "CASE",
        "USE",
        "F1",
        "F2",
        "F3",
        "F4",
        "SCORE",
        "CONCLUSION",
        "CONF",
    ]
    .map(String::from)];
    for (case, analysis) in scored {
        for a in &analysis.uses {
            let f = |i: usize| {
                a.factors
                    .get(i)
                    .map_or_else(String::new, |f| signed(f.score))
            };
            rows.push([
                case.id.clone(),
                a.use_id.clone(),
                f(0),
                f(1),
                f(2),
                f(3),
                signed(a.score),
                a.conclusion.describe().to_string(),
                format!("{}%", (a.confidence * 100.0).round() as i64),
            ]);
        }
    }
    let width = |col: usize| {
        rows.iter()
            .map(|r| r[col].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..9).map(width).collect();
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (col, cell) in row.iter().enumerate() {
            // Names read left to right; numbers line up on the right.
            let left = matches!(col, 0 | 1 | 7);
            let w = widths[col];
            let _ = if left {
                write!(line, "{cell:<w$}  ")
            } else {
                write!(line, "{cell:>w$}  ")
            };
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
