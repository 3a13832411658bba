//! `fairuse init`: a case-file skeleton that lists every question and option
//! as comments, so a user can fill it in without reading the rubric file.

use crate::model::Rubric;
use std::fmt::Write;

pub fn case_skeleton(rubric: &Rubric, today: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "# A fairuse case file. Check it with `fairuse check FILE`; score it with\n\
         # `fairuse score FILE`; write a memo with `fairuse memo FILE`.\n\
         id: my-case\n\
         title: \"Short description of the scenario\"\n\
         jurisdiction: \"United States\"\n\
         facts_as_of: {today}\n\
         facts: |\n  \
         State the facts that matter to the four factors. Say which are alleged,\n  \
         assumed or found.\n\
         sources:\n  \
         - \"Where the facts come from\"\n\
         uses:\n  \
         # One entry per use: acquiring copies, training and serving outputs are\n  \
         # different uses and may come out differently.\n  \
         - id: training\n    \
         title: \"training a model on the works\"\n    \
         description: \"\"\n    \
         # Answer each question by uncommenting one `question: option` line.\n    \
         # Questions with a condition are asked only when it holds.\n    \
         answers:\n"
    );
    for factor in &rubric.factors {
        let _ = writeln!(
            out,
            "      #\n      # Factor {}: {} ({})",
            factor.id.number(),
            factor.name,
            factor.statute
        );
        for q in &factor.questions {
            let _ = writeln!(out, "      #\n      # {}", q.prompt);
            for line in wrap(&q.help, 70) {
                let _ = writeln!(out, "      #   {line}");
            }
            if let Some(cond) = &q.when {
                let _ = writeln!(
                    out,
                    "      #   (asked only when {} is one of: {})",
                    cond.question,
                    cond.any_of.join(", ")
                );
            }
            for o in &q.options {
                let lean = if o.open {
                    "open".to_string()
                } else if o.unprotected {
                    "no defense needed".to_string()
                } else if let Some(by_view) = &o.lean_by_view {
                    let leans: Vec<String> = by_view
                        .leans
                        .iter()
                        .map(|(side, l)| format!("{side} {l:+}"))
                        .collect();
                    format!("{}: {}", by_view.view, leans.join(", "))
                } else {
                    o.lean
                        .map_or_else(|| "context".to_string(), |l| format!("{l:+}"))
                };
                let _ = writeln!(out, "      # {}: {:<24} # [{lean}] {}", q.id, o.id, o.label);
            }
        }
    }
    out.push_str(
        "    # The fact each answer rests on, by question id.\n    \
         notes: {}\n",
    );
    if !rubric.views.is_empty() {
        out.push_str(
            "    # Legal views: points on which courts split. The engine scores the use\n    \
             # under each side its answers engage; to see one side only (for example\n    \
             # the side the forum's circuit has taken), pin it here or on the command\n    \
             # line with --view id=side.\n",
        );
        for view in &rubric.views {
            out.push_str("    #\n");
            let point = format!("{}: {}", view.id, view.point);
            comment(&mut out, &point, "    # ", "    #   ");
            for side in &view.sides {
                let rule = format!("{}: {}. {}", side.id, side.label, side.rule);
                comment(&mut out, &rule, "    #   ", "    #     ");
            }
        }
        let _ = writeln!(
            out,
            "    # views: {{ {}: {} }}",
            rubric.views[0].id, rubric.views[0].sides[0].id
        );
    }
    out
}

/// How wide the legal views' comment lines may run.
const WIDTH: usize = 100;

/// Lines of at most `width` columns, by display width.
fn wrap(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, width)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// `text` as comment lines: the first starting `first`, the rest `rest`.
fn comment(out: &mut String, text: &str, first: &str, rest: &str) {
    let options = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest);
    for line in textwrap::wrap(text, options) {
        out.push_str(&line);
        out.push('\n');
    }
}
