//! Views of an analysis: a text table, stable JSON, and the Markdown memo.

pub mod backtest;
pub mod docx;
pub mod json;
pub mod memo;
pub mod privilege;
pub mod record;
pub mod skeleton;
pub mod table;
pub mod warnings;

/// A signed score for people: "+0.62", "-0.10", "+0.00".
pub fn signed(score: f64) -> String {
    let rounded = (score * 100.0).round() / 100.0;
    if rounded < 0.0 {
        format!("{rounded:.2}")
    } else {
        format!("+{:.2}", rounded.abs())
    }
}

/// Rounds to three decimals, so JSON output is stable across platforms.
pub fn round3(x: f64) -> f64 {
    let r = (x * 1000.0).round() / 1000.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}
