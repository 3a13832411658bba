//! The documented, stable JSON view (`score --format json`). Its shape is kept
//! separate from the engine's types so internal changes do not break users.

use super::round3;
use crate::engine::Analysis;
use crate::library::Library;
use crate::model::Case;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct CaseJson {
    pub case: String,
    pub title: String,
    pub uses: Vec<UseJson>,
}

#[derive(Serialize)]
pub struct UseJson {
    #[serde(rename = "use")]
    pub use_id: String,
    pub title: String,
    pub score: f64,
    pub conclusion: &'static str,
    pub confidence: f64,
    pub factors: Vec<FactorJson>,
    pub pivotal: Vec<PivotalJson>,
    pub court: Option<CourtJson>,
    pub threshold: Option<ThresholdJson>,
    pub views: ViewsJson,
    pub nearest: Vec<NearestJson>,
    pub warnings: Vec<WarningJson>,
}

#[derive(Serialize)]
pub struct ThresholdJson {
    pub question: String,
    pub answer: Option<String>,
    pub protected: bool,
    pub open: bool,
    pub reason: Option<String>,
}

#[derive(Serialize)]
pub struct ViewsJson {
    /// The conclusion is the same under every combination of sides.
    pub holds_under_every_view: bool,
    /// Views whose side alone changes the conclusion.
    pub turns_on: Vec<String>,
    pub engaged: Vec<ViewJson>,
    pub combinations: Vec<CombinationJson>,
}

#[derive(Serialize)]
pub struct ViewJson {
    pub view: String,
    pub point: String,
    pub question: String,
    pub pinned: Option<String>,
    pub sides: Vec<SideJson>,
}

#[derive(Serialize)]
pub struct SideJson {
    pub side: String,
    pub label: String,
    pub rule: String,
    pub authorities: Vec<String>,
    pub conclusion: Option<&'static str>,
    pub score: Option<f64>,
}

#[derive(Serialize)]
pub struct CombinationJson {
    pub sides: BTreeMap<String, String>,
    pub score: f64,
    pub conclusion: &'static str,
}

#[derive(Serialize)]
pub struct NearestJson {
    pub case: String,
    #[serde(rename = "use")]
    pub use_id: String,
    pub name: String,
    pub citation: String,
    pub holding: &'static str,
    pub distance: f64,
    pub differs: Vec<DiffersJson>,
}

#[derive(Serialize)]
pub struct DiffersJson {
    pub question: String,
    pub this: Option<String>,
    pub that: Option<String>,
    pub weight: f64,
}

#[derive(Serialize)]
pub struct WarningJson {
    pub kind: crate::engine::consistency::WarningKind,
    pub question: String,
    pub message: String,
    pub fix: String,
}

#[derive(Serialize)]
pub struct FactorJson {
    pub factor: u8,
    pub name: String,
    pub score: f64,
    pub label: &'static str,
    pub unanswered: Vec<String>,
    pub open: Vec<String>,
}

#[derive(Serialize)]
pub struct PivotalJson {
    pub question: String,
    pub from: Option<String>,
    pub to: String,
    pub conclusion: &'static str,
    pub score: f64,
}

#[derive(Serialize)]
pub struct CourtJson {
    pub authority: String,
    pub holding: &'static str,
    pub factors: BTreeMap<&'static str, &'static str>,
}

pub fn case_json(library: &Library, case: &Case, analysis: &Analysis) -> CaseJson {
    CaseJson {
        case: case.id.clone(),
        title: case.title.clone(),
        uses: case
            .uses
            .iter()
            .zip(&analysis.uses)
            .map(|(u, a)| UseJson {
                use_id: u.id.clone(),
                title: u.title.clone(),
                score: round3(a.score),
                conclusion: a.conclusion.as_str(),
                confidence: round3(a.confidence),
                factors: a
                    .factors
                    .iter()
                    .map(|f| FactorJson {
                        factor: f.factor.number(),
                        name: library
                            .rubric
                            .factor(f.factor)
                            .map_or_else(String::new, |x| x.name.clone()),
                        score: round3(f.score),
                        label: f.label.as_str(),
                        unanswered: f.unanswered.clone(),
                        open: f.open.clone(),
                    })
                    .collect(),
                pivotal: a
                    .pivotal
                    .iter()
                    .map(|p| PivotalJson {
                        question: p.question.clone(),
                        from: p.from.clone(),
                        to: p.to.clone(),
                        conclusion: p.conclusion.as_str(),
                        score: round3(p.score),
                    })
                    .collect(),
                threshold: a.threshold.as_ref().map(|t| ThresholdJson {
                    question: t.question.clone(),
                    answer: t.answer.clone(),
                    protected: t.protected,
                    open: t.open,
                    reason: t.reason.clone(),
                }),
                views: views_json(library, &a.views),
                nearest: a
                    .nearest
                    .iter()
                    .map(|n| NearestJson {
                        case: n.case.clone(),
                        use_id: n.use_id.clone(),
                        name: n.name.clone(),
                        citation: n.citation.clone(),
                        holding: n.holding.as_str(),
                        distance: round3(n.distance),
                        differs: n
                            .differs
                            .iter()
                            .map(|d| DiffersJson {
                                question: d.question.clone(),
                                this: d.this.clone(),
                                that: d.that.clone(),
                                weight: round3(d.weight),
                            })
                            .collect(),
                    })
                    .collect(),
                warnings: crate::engine::consistency::warnings(&library.rubric, u)
                    .into_iter()
                    .map(|w| WarningJson {
                        kind: w.kind,
                        question: w.question,
                        message: w.message,
                        fix: w.fix,
                    })
                    .collect(),
                court: u.court.as_ref().map(|c| CourtJson {
                    authority: c.authority.clone(),
                    holding: c.holding.as_str(),
                    factors: c
                        .factors
                        .iter()
                        .map(|(f, finding)| (f.as_str(), finding.as_str()))
                        .collect(),
                }),
            })
            .collect(),
    }
}

fn views_json(library: &Library, views: &crate::engine::ViewsAnalysis) -> ViewsJson {
    let rubric = &library.rubric;
    ViewsJson {
        holds_under_every_view: views.holds_under_every_view(),
        turns_on: views.turns_on.clone(),
        engaged: views
            .engaged
            .iter()
            .map(|e| {
                let view = rubric.view(&e.view);
                ViewJson {
                    view: e.view.clone(),
                    point: view.map_or_else(String::new, |v| v.point.clone()),
                    question: e.question.clone(),
                    pinned: e.pinned.clone(),
                    sides: e
                        .sides
                        .iter()
                        .map(|s| {
                            let side = view.and_then(|v| v.sides.iter().find(|x| x.id == s.side));
                            SideJson {
                                side: s.side.clone(),
                                label: side.map_or_else(String::new, |x| x.label.clone()),
                                rule: side.map_or_else(String::new, |x| x.rule.clone()),
                                authorities: side.map_or_else(Vec::new, |x| x.authorities.clone()),
                                conclusion: s.conclusion.map(|c| c.as_str()),
                                score: s.score.map(round3),
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
        combinations: views
            .combinations
            .iter()
            .map(|c| CombinationJson {
                sides: c.sides.clone(),
                score: round3(c.score),
                conclusion: c.conclusion.as_str(),
            })
            .collect(),
    }
}

/// One element of a JSON array, rendered on its own (on any thread) exactly
/// as `serde_json::to_writer_pretty` renders it inside the array, so that a
/// batch can render in parallel and still write in order through [`Array`].
pub fn element<T: Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    use serde_json::ser::{Formatter, PrettyFormatter};
    let mut formatter = PrettyFormatter::new();
    // One level in, as inside the array; what that writes is the array's.
    let mut sink = std::io::sink();
    formatter
        .begin_array(&mut sink)
        .and_then(|()| formatter.begin_array_value(&mut sink, true))
        .map_err(serde_json::Error::io)?;
    let mut out = Vec::new();
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, formatter,
    ))?;
    Ok(out)
}

/// A pretty JSON array written as its elements arrive (from [`element`]):
/// the same bytes as `serde_json::to_writer_pretty` of the whole array.
pub struct Array<W: std::io::Write> {
    out: W,
    empty: bool,
}

impl<W: std::io::Write> Array<W> {
    pub fn begin(mut out: W) -> std::io::Result<Self> {
        out.write_all(b"[")?;
        Ok(Array { out, empty: true })
    }

    pub fn push(&mut self, element: &[u8]) -> std::io::Result<()> {
        let separator: &[u8] = if self.empty { b"\n  " } else { b",\n  " };
        self.empty = false;
        self.out.write_all(separator)?;
        self.out.write_all(element)
    }

    /// Closes the array (and a line), and gives the writer back.
    pub fn end(mut self) -> std::io::Result<W> {
        let close: &[u8] = if self.empty { b"]\n" } else { b"\n]\n" };
        self.out.write_all(close)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streamed(values: &[serde_json::Value]) -> String {
        let mut array = Array::begin(Vec::new()).unwrap();
        for v in values {
            array.push(&element(v).unwrap()).unwrap();
        }
        String::from_utf8(array.end().unwrap()).unwrap()
    }

    #[test]
    fn an_array_streamed_by_element_is_the_array_serde_writes() {
        let values: Vec<serde_json::Value> = vec![
            serde_json::json!({"case": "a", "uses": [{"use": "u", "score": 0.5, "pivotal": []}]}),
            serde_json::json!({"case": "b\nwith a line", "uses": [], "nested": {"x": [1, {"y": null}]}}),
            serde_json::json!("just a string"),
        ];
        for n in 0..=values.len() {
            let whole = serde_json::to_string_pretty(&values[..n]).unwrap() + "\n";
            assert_eq!(streamed(&values[..n]), whole, "{n} elements");
        }
    }
}
