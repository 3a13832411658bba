//! The memo as a supervising partner reads it (issue 10, item 7): every bundled
//! memo, rendered on one date, is measured for what betrays a questionnaire.
//! The same measures as `shared/tools/memo-lint`, so the two cannot drift.

use fairuse::model::{Case, Litigation};
use fairuse::report::memo::{self, Guidance, MemoOptions};
use fairuse::Library;
use std::collections::{BTreeMap, HashMap, HashSet};

const DATE: &str = "2026-12-01";

fn memos() -> Vec<(Case, String)> {
    let lib = Library::bundled().unwrap();
    let cases = lib.bundled_cases().unwrap();
    assert!(cases.len() >= 8);
    cases
        .into_iter()
        .map(|c| {
            let text = memo::render_case(&lib, &c, &MemoOptions::new(DATE.into())).unwrap();
            (c, text)
        })
        .collect()
}

/// Everything before the table of authorities: what the reader reads as argument.
fn body(memo: &str) -> &str {
    let mut at = 0;
    for line in memo.split_inclusive('\n') {
        let l = line.to_lowercase();
        if l.starts_with('#')
            && l.trim_start_matches('#')
                .trim()
                .starts_with("table of authorities")
        {
            return &memo[..at];
        }
        at += line.len();
    }
    memo
}

/// Words as memo-lint counts them: a word character, then word characters,
/// apostrophes, stops and hyphens.
fn words(text: &str) -> usize {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut n = 0;
    let mut inside = false;
    for c in text.chars() {
        if inside {
            inside = word(c) || matches!(c, '\'' | '’' | '.' | '-');
        } else if word(c) {
            inside = true;
            n += 1;
        }
    }
    n
}

/// What a reader must not see: a percentage, a score, a signed or decimal
/// figure, a weight.
fn numbers(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found: Vec<String> = [
        "score",
        "confidence",
        "weighted",
        "weighting",
        "most weight",
    ]
    .iter()
    .filter(|w| lower.contains(*w))
    .map(|w| w.to_string())
    .collect();
    let b = lower.as_bytes();
    for i in 0..b.len() {
        let digit = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
        if b[i] == b'%' && i > 0 && (digit(i - 1) || (b[i - 1] == b' ' && i > 1 && digit(i - 2))) {
            found.push(lower[i.saturating_sub(4)..=i].to_string());
        }
        // 0.42, +0.42, -1.00: decimals of the kind a score prints.
        if matches!(b[i], b'0' | b'1')
            && b.get(i + 1) == Some(&b'.')
            && digit(i + 2)
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'.' | b'$')))
        {
            found.push(lower[i..(i + 4).min(lower.len())].to_string());
        }
    }
    found
}

/// Sentences of eight words or more, split as memo-lint splits them.
fn sentences(text: &str) -> HashSet<String> {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = HashSet::new();
    let mut start = 0;
    let bytes = folded.as_bytes();
    for i in 0..bytes.len() {
        if matches!(bytes[i], b'.' | b';' | b':' | b'!' | b'?')
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_whitespace())
        {
            out.insert(folded[start..=i].trim().to_string());
            start = i + 1;
        }
    }
    out.insert(folded[start..].trim().to_string());
    out.retain(|s| s.split_whitespace().count() >= 8);
    out
}

#[test]
fn no_score_percentage_or_weight_in_the_default_memo() {
    for (case, text) in memos() {
        // The dated record after the template carries digests; the memo proper may not.
        let memo = text.split("## Record of this analysis").next().unwrap();
        let found = numbers(memo);
        assert!(found.is_empty(), "{}: {found:?}", case.id);
    }
}

#[test]
fn none_of_the_generator_seams() {
    let seams = [
        "fairuse",
        "the tool",
        "as discussed above",
        "context; not scored",
        "fair_use",
        "close_call",
        "{{",
        "{%",
        "[[",
        "*here:*",
        "outcome fair",
    ];
    for (case, text) in memos() {
        let memo = text.split("## Record of this analysis").next().unwrap();
        // Case files may say "the tool" of a party's product; the memo's own words may not.
        let own = memo.replace(case.facts.trim(), "").to_lowercase();
        let found: Vec<&&str> = seams.iter().filter(|s| own.contains(*s)).collect();
        assert!(found.is_empty(), "{}: {found:?}", case.id);
    }
}

#[test]
fn words_before_the_table_of_authorities_fit_the_budget() {
    for (case, text) in memos() {
        let budget = 600 + 700 * case.uses.len();
        let n = words(body(&text));
        assert!(n <= budget, "{}: {n} words, budget {budget}", case.id);
    }
}

#[test]
fn at_most_ten_sentences_shared_with_three_other_memos() {
    let all = memos();
    let per: Vec<(String, HashSet<String>)> = all
        .iter()
        .map(|(c, t)| (c.id.clone(), sentences(body(t))))
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (_, ss) in &per {
        for s in ss {
            *count.entry(s).or_default() += 1;
        }
    }
    for (id, ss) in &per {
        let shared: Vec<&String> = ss.iter().filter(|s| count[s.as_str()] >= 4).collect();
        assert!(
            shared.len() <= 10,
            "{id}: {} shared: {shared:#?}",
            shared.len()
        );
    }
}

#[test]
fn caveat_says_not_legal_advice_and_the_laws_date() {
    let lib = Library::bundled().unwrap();
    let law = fairuse::date::long_form(&lib.authorities.current_to);
    for (case, text) in memos() {
        assert!(text.contains("not legal advice"), "{}", case.id);
        assert!(
            text.contains(&format!("states the law as of {law}")),
            "{}",
            case.id
        );
    }
}

#[test]
fn each_rule_is_stated_once_per_memo() {
    let g = Guidance::bundled().unwrap();
    for (case, text) in memos() {
        for rule in g.rules.values() {
            // The rule's opening words identify it whatever its citations become.
            let opening: String = rule
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ");
            let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                folded.matches(&opening).count(),
                1,
                "{}: {opening}",
                case.id
            );
        }
    }
}

#[test]
fn preservation_comes_before_any_step_that_changes_data_when_litigation_is_live() {
    let g = Guidance::bundled().unwrap();
    let hold: String = g
        .preservation
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut seen = 0;
    for (case, text) in memos() {
        let live = matches!(
            case.litigation,
            Some(Litigation::Pending | Litigation::Anticipated)
        );
        let Some(steps) = text.split("## Recommended Steps").nth(1) else {
            continue;
        };
        let steps = steps.split("\n## ").next().unwrap();
        let folded = steps.split_whitespace().collect::<Vec<_>>().join(" ");
        let changing: Vec<String> = g
            .steps
            .iter()
            .filter(|s| s.changes)
            .map(|s| {
                let t: Vec<&str> = s.text.split_whitespace().skip(1).take(6).collect();
                t.join(" ")
            })
            .filter(|t| folded.contains(t.as_str()))
            .collect();
        if live && !changing.is_empty() {
            seen += 1;
            let at = folded
                .find(&hold)
                .unwrap_or_else(|| panic!("{}: no hold", case.id));
            for t in &changing {
                assert!(at < folded.find(t.as_str()).unwrap(), "{}: {t}", case.id);
            }
        }
        if !live {
            assert!(
                !folded.contains(&hold),
                "{}: hold without litigation",
                case.id
            );
        }
    }
    assert!(seen > 0, "no bundled case exercises the preservation rule");
}

#[test]
fn a_decided_use_reports_the_court_and_computes_any_difference() {
    let (case, text) = memos()
        .into_iter()
        .find(|(c, _)| c.id == "bartz-v-anthropic")
        .unwrap();
    assert!(case.uses.iter().all(|u| u.court.is_some()));
    // Scanning: the court found factor 4 neutral, and the memo says so in the court's terms.
    let scanning = text
        .split("### 2. ")
        .nth(1)
        .and_then(|s| s.split("### 3. ").next())
        .unwrap();
    assert!(scanning.contains("factor 4 was neutral"), "{scanning}");
    let f4 = scanning.split("**Factor 4").nth(1).unwrap();
    assert!(
        f4.contains("The court found that this factor was neutral."),
        "{f4}"
    );
}

#[test]
fn heading_has_placeholders_not_the_programs_name() {
    let mut roles = BTreeMap::new();
    for (case, text) in memos() {
        let head = text.split("## Question Presented").next().unwrap();
        for line in [
            "**To:**",
            "**From:**",
            "**Client:**",
            "**Matter:**",
            "**Our role:**",
        ] {
            assert!(head.contains(line), "{}: {line}", case.id);
        }
        assert!(
            !head.to_lowercase().contains("fairuse (draft"),
            "{}",
            case.id
        );
        roles.insert(case.id.clone(), memo::privilege_line(&case));
    }
    assert!(roles.values().any(Option::is_some));
}
