//! The backtest reports; it does not gate. Its figures must be the counts of
//! its own rows, over every decided use, whatever they are.

use std::process::Command;

fn fairuse(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fairuse"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn backtest_json_counts_its_own_rows_over_every_decided_use() {
    let out = fairuse(&["backtest", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uses = json["uses"].as_array().unwrap();
    let summary = &json["summary"];
    // Every decided use in the bundled cases and the corpus is a row.
    let library = fairuse::load::Library::bundled().unwrap();
    let decided: usize = fairuse::load::corpus_cases(&library)
        .unwrap()
        .iter()
        .map(|c| c.uses.iter().filter(|u| u.court.is_some()).count())
        .sum();
    assert_eq!(uses.len(), decided);
    assert_eq!(summary["uses"], decided);
    let count = |key: &str| uses.iter().filter(|u| u[key] == true).count();
    assert_eq!(summary["holdings_agree"], count("agree"));
    assert_eq!(summary["nearest_vote"]["agree"], count("nearest_agree"));
    let factor_rows: usize = uses
        .iter()
        .map(|u| u["factors"].as_object().unwrap().len())
        .sum();
    assert_eq!(summary["factors_compared"], factor_rows);
    assert_eq!(summary["fitted"], false);
    for u in uses {
        // Agreement means the conclusion names the holding.
        let agrees = (u["holding"] == "fair_use" && u["conclusion"] == "likely_fair_use")
            || (u["holding"] == "not_fair_use" && u["conclusion"] == "likely_not_fair_use");
        assert_eq!(u["agree"], agrees, "{u}");
    }
}

#[test]
fn backtest_text_states_the_figures_and_exits_zero_even_on_disagreement() {
    let out = fairuse(&["backtest"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("holdings agree: "), "{text}");
    assert!(text.contains("leave-one-out"), "{text}");
    assert!(
        text.contains("disagreement is reported, not an error"),
        "{text}"
    );
}
