//! The plain-text score table: one row per use, columns sized to fit.

use super::signed;
use crate::engine::Analysis;
use crate::model::Case;
use std::fmt::Write;

/// One row of the table: case, use, four factor scores, score, conclusion, confidence.
pub type Row = [String; 9];

const HEADER: [&str; 9] = [
    "CASE",
    "USE",
    "F1",
    "F2",
    "F3",
    "F4",
    "SCORE",
    "CONCLUSION",
    "ANSWERED",
];

/// A row per use of one case.
pub fn rows(case: &Case, analysis: &Analysis) -> Vec<Row> {
    analysis
        .uses
        .iter()
        .map(|a| {
            let f = |i: usize| {
                a.factors
                    .get(i)
                    .map_or_else(String::new, |f| signed(f.score))
            };
            [
                case.id.clone(),
                a.use_id.clone(),
                f(0),
                f(1),
                f(2),
                f(3),
                signed(a.score),
                a.conclusion.describe().to_string(),
                format!("{}%", (a.confidence * 100.0).round() as i64),
            ]
        })
        .collect()
}

/// The header and the rows, with columns sized to fit.
pub fn render(rows: &[Row]) -> String {
    let header = HEADER.map(String::from);
    let all = || std::iter::once(&header).chain(rows);
    let widths: Vec<usize> = (0..HEADER.len())
        .map(|col| all().map(|r| r[col].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in all() {
        let mut line = String::new();
        for (col, cell) in row.iter().enumerate() {
            // Names read left to right; numbers line up on the right.
            let w = widths[col];
            let _ = if matches!(col, 0 | 1 | 7) {
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
