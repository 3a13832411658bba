//! The documented, stable JSON view (`score --format json`). Its shape is kept
//! separate from the engine's types so internal changes do not break users.

use super::round3;
use crate::engine::Analysis;
use crate::library::Library;
use crate::model::Case;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct CaseJson<'a> {
    pub case: &'a str,
    pub title: &'a str,
    pub uses: Vec<UseJson<'a>>,
}

#[derive(Serialize)]
pub struct UseJson<'a> {
    #[serde(rename = "use")]
    pub use_id: &'a str,
    pub title: &'a str,
    pub score: f64,
    pub conclusion: &'static str,
    pub confidence: f64,
    pub factors: Vec<FactorJson<'a>>,
    pub pivotal: Vec<PivotalJson<'a>>,
    pub court: Option<CourtJson<'a>>,
    pub threshold: Option<ThresholdJson<'a>>,
    pub views: ViewsJson<'a>,
    pub nearest: Vec<NearestJson<'a>>,
    pub warnings: Vec<WarningJson>,
}

#[derive(Serialize)]
pub struct ThresholdJson<'a> {
    pub question: &'a str,
    pub answer: Option<&'a str>,
    pub protected: bool,
    pub open: bool,
    pub reason: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ViewsJson<'a> {
    /// The conclusion is the same under every combination of sides.
    pub holds_under_every_view: bool,
    /// Views whose side alone changes the conclusion.
    pub turns_on: &'a [String],
    pub engaged: Vec<ViewJson<'a>>,
    pub combinations: Vec<CombinationJson<'a>>,
}

#[derive(Serialize)]
pub struct ViewJson<'a> {
    pub view: &'a str,
    pub point: &'a str,
    pub question: &'a str,
    pub pinned: Option<&'a str>,
    pub sides: Vec<SideJson<'a>>,
}

#[derive(Serialize)]
pub struct SideJson<'a> {
    pub side: &'a str,
    pub label: &'a str,
    pub rule: &'a str,
    pub authorities: &'a [String],
    pub conclusion: Option<&'static str>,
    pub score: Option<f64>,
}

#[derive(Serialize)]
pub struct CombinationJson<'a> {
    pub sides: &'a BTreeMap<String, String>,
    pub score: f64,
    pub conclusion: &'static str,
}

#[derive(Serialize)]
pub struct NearestJson<'a> {
    pub case: &'a str,
    #[serde(rename = "use")]
    pub use_id: &'a str,
    pub name: &'a str,
    pub citation: &'a str,
    pub holding: &'static str,
    pub distance: f64,
    pub differs: Vec<DiffersJson<'a>>,
}

#[derive(Serialize)]
pub struct DiffersJson<'a> {
    pub question: &'a str,
    pub this: Option<&'a str>,
    pub that: Option<&'a str>,
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
pub struct FactorJson<'a> {
    pub factor: u8,
    pub name: &'a str,
    pub score: f64,
    pub label: &'static str,
    pub unanswered: &'a [String],
    pub open: &'a [String],
}

#[derive(Serialize)]
pub struct PivotalJson<'a> {
    pub question: &'a str,
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub conclusion: &'static str,
    pub score: f64,
}

#[derive(Serialize)]
pub struct CourtJson<'a> {
    pub authority: &'a str,
    pub holding: &'static str,
    pub factors: BTreeMap<&'static str, &'static str>,
}

pub fn case_json<'a>(library: &'a Library, case: &'a Case, analysis: &'a Analysis) -> CaseJson<'a> {
    CaseJson {
        case: &case.id,
        title: &case.title,
        uses: case
            .uses
            .iter()
            .zip(&analysis.uses)
            .map(|(u, a)| UseJson {
                use_id: &u.id,
                title: &u.title,
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
                            .map_or("", |x| x.name.as_str()),
                        score: round3(f.score),
                        label: f.label.as_str(),
                        unanswered: &f.unanswered,
                        open: &f.open,
                    })
                    .collect(),
                pivotal: a
                    .pivotal
                    .iter()
                    .map(|p| PivotalJson {
                        question: &p.question,
                        from: p.from.as_deref(),
                        to: &p.to,
                        conclusion: p.conclusion.as_str(),
                        score: round3(p.score),
                    })
                    .collect(),
                threshold: a.threshold.as_ref().map(|t| ThresholdJson {
                    question: &t.question,
                    answer: t.answer.as_deref(),
                    protected: t.protected,
                    open: t.open,
                    reason: t.reason.as_deref(),
                }),
                views: views_json(library, &a.views),
                nearest: a
                    .nearest
                    .iter()
                    .map(|n| NearestJson {
                        case: &n.case,
                        use_id: &n.use_id,
                        name: &n.name,
                        citation: &n.citation,
                        holding: n.holding.as_str(),
                        distance: round3(n.distance),
                        differs: n
                            .differs
                            .iter()
                            .map(|d| DiffersJson {
                                question: &d.question,
                                this: d.this.as_deref(),
                                that: d.that.as_deref(),
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
                    authority: &c.authority,
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

fn views_json<'a>(library: &'a Library, views: &'a crate::engine::ViewsAnalysis) -> ViewsJson<'a> {
    let rubric = &library.rubric;
    ViewsJson {
        holds_under_every_view: views.holds_under_every_view(),
        turns_on: &views.turns_on,
        engaged: views
            .engaged
            .iter()
            .map(|e| {
                let view = rubric.view(&e.view);
                ViewJson {
                    view: &e.view,
                    point: view.map_or("", |v| v.point.as_str()),
                    question: &e.question,
                    pinned: e.pinned.as_deref(),
                    sides: e
                        .sides
                        .iter()
                        .map(|s| {
                            let side = view.and_then(|v| v.sides.iter().find(|x| x.id == s.side));
                            SideJson {
                                side: &s.side,
                                label: side.map_or("", |x| x.label.as_str()),
                                rule: side.map_or("", |x| x.rule.as_str()),
                                authorities: side.map_or(&[][..], |x| x.authorities.as_slice()),
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
                sides: &c.sides,
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
