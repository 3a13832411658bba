//! From the engine's results to facts a memo can say in words: per use, the
//! conclusion, what each factor turns on, which factor drives the result, the
//! splits in play, what the court held; per case, the forum's binding law, the
//! issues beyond § 107 and the steps fitted to role and posture. Pure: the
//! same inputs give the same prose, and nothing here knows a score's number.
//!
//! Text may carry `[[cite:ID]]` (a citation, full at first mention) and
//! `[[name:ID]]` (the case name alone); the renderer resolves both in
//! document order.

use super::guidance::{Guidance, Scene, Split};
use crate::engine::{Conclusion, FactorScore, Label, UseAnalysis};
use crate::model::{
    AnswerOption, AuthorityLibrary, Case, FactorId, Finding, Litigation, Question, Role, Rubric,
    Use,
};
use crate::sanitize;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CaseProse {
    /// Which court's law binds, and what is only persuasive.
    pub forum: String,
    pub issues: Vec<IssueProse>,
    /// Recommended steps, the preservation step first when it is needed.
    pub steps: Vec<String>,
    pub uses: Vec<UseProse>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IssueProse {
    pub id: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UseProse {
    pub question: String,
    pub brief_answer: String,
    /// "probably a fair use", "a close question", "probably not a fair use",
    /// or the court's holding for a decided use.
    pub conclusion: String,
    pub factors: Vec<FactorProse>,
    pub weighing: String,
    /// What would change the answer, in sentences.
    pub pivotal: Vec<String>,
    /// Facts not established that bear on the answer.
    pub open: Vec<String>,
    /// Ids of the splits this use's answers put in play.
    pub splits: Vec<String>,
    /// The closest decided cases as analogies, in a sentence; empty for a
    /// use a court decided, or with no corpus.
    pub nearest: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactorProse {
    pub number: u8,
    pub name: String,
    /// "favors fair use", "weighs against fair use", … (the court's, if decided).
    pub direction: String,
    pub paragraph: String,
}

/// Whether a rule or a split has been stated yet in this memo.
#[derive(Default)]
struct Said {
    rules: Vec<FactorId>,
    splits: Vec<String>,
    /// Splits a brief answer has already set out, sides and all.
    briefed: Vec<String>,
}

pub fn case_prose(
    rubric: &Rubric,
    authorities: &AuthorityLibrary,
    guidance: &Guidance,
    case: &Case,
    analyses: &[UseAnalysis],
) -> CaseProse {
    let role = case.memo.as_ref().and_then(|m| m.role);
    let mut said = Said::default();
    let mut listed: Vec<String> = Vec::new();
    let uses: Vec<UseProse> = case
        .uses
        .iter()
        .zip(analyses)
        .map(|(u, a)| {
            let mut p = use_prose(rubric, guidance, case, u, a, &mut said);
            if u.court.is_none() {
                p.nearest = nearest_prose(rubric, authorities, a);
            }
            // An open fact shared by several uses is listed under the first.
            p.open.retain(|o| {
                let fresh = !listed.contains(o);
                listed.push(o.clone());
                fresh
            });
            p
        })
        .collect();
    let mut cited: Vec<String> = Vec::new();
    for u in &uses {
        for f in &u.factors {
            cited.extend(super::guidance::cite_ids(&f.paragraph));
        }
        cited.extend(super::guidance::cite_ids(&u.weighing));
    }
    CaseProse {
        forum: forum(guidance, authorities, case, &cited),
        issues: issues(guidance, case, role),
        steps: steps(guidance, case, role),
        uses,
    }
}

fn scene<'a>(case: &'a Case, u: &'a Use, role: Option<Role>) -> Scene<'a> {
    Scene {
        facts: &case.facts,
        the_use: u,
        litigation: case.litigation,
        role,
    }
}

/// "how the copies were obtained": the rubric's topic, or the question id in words.
fn topic(q: &Question) -> String {
    q.topic.clone().unwrap_or_else(|| q.id.replace('-', " "))
}

fn phrase(o: &AnswerOption) -> String {
    o.phrase.clone().unwrap_or_else(|| {
        let label = o.label.split(':').next().unwrap_or(&o.label);
        lower_first(label.trim())
    })
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(first), second) if !second.is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(s.chars().skip(1)).collect()
        }
        _ => s.to_string(),
    }
}

fn ordinal(f: FactorId) -> &'static str {
    match f {
        FactorId::Purpose => "first",
        FactorId::Nature => "second",
        FactorId::Amount => "third",
        FactorId::Market => "fourth",
    }
}

fn label_words(l: Label) -> &'static str {
    match l {
        Label::StronglyFavors => "strongly favors fair use",
        Label::Favors => "favors fair use",
        Label::Neutral => "is neutral",
        Label::Disfavors => "weighs against fair use",
        Label::StronglyDisfavors => "weighs heavily against fair use",
    }
}

fn finding_words(f: Finding) -> &'static str {
    match f {
        Finding::Favors => "favored fair use",
        Finding::Neutral => "was neutral",
        Finding::Disfavors => "weighed against fair use",
        Finding::NotReached => "was not reached",
    }
}

fn finding_now(f: Finding) -> &'static str {
    match f {
        Finding::Favors => "favor fair use",
        Finding::Neutral => "be neutral",
        Finding::Disfavors => "weigh against fair use",
        Finding::NotReached => "not be reached",
    }
}

fn conclusion_words(c: Conclusion) -> &'static str {
    match c {
        Conclusion::LikelyFairUse => "probably a fair use",
        Conclusion::CloseCall => "a close question",
        Conclusion::LikelyNotFairUse => "probably not a fair use",
        Conclusion::NoProtectedExpression => "no fair-use defense needed",
    }
}

/// An answer behind a factor, with what the memo can say about it.
struct Fact<'a> {
    question: &'a Question,
    option: &'a AnswerOption,
    note: Option<String>,
    pull: f64,
}

impl Fact<'_> {
    /// The note the answer rests on, or the answer itself as a sentence.
    fn sentence(&self) -> String {
        match &self.note {
            Some(n) => end_sentence(n),
            None => format!(
                "As to {}, the answer recorded is {}.",
                topic(self.question),
                phrase(self.option)
            ),
        }
    }
}

fn end_sentence(s: &str) -> String {
    let s = sanitize::line(s);
    if s.ends_with(['.', '!', '?', '"', ')']) {
        s
    } else {
        format!("{s}.")
    }
}

/// The scored answers of a factor, strongest pull first.
fn facts<'a>(rubric: &'a Rubric, u: &'a Use, fs: &FactorScore) -> Vec<Fact<'a>> {
    let mut out: Vec<Fact> = fs
        .drivers
        .iter()
        .filter_map(|d| {
            let (_, q) = rubric.question(&d.question)?;
            let o = q.option(&d.option)?;
            Some(Fact {
                question: q,
                option: o,
                note: u.notes.get(&q.id).cloned(),
                pull: d.contribution,
            })
        })
        .collect();
    out.sort_by(|a, b| b.pull.abs().total_cmp(&a.pull.abs()));
    out
}

/// The facts that carry a factor in the direction it went (both sides when neutral).
fn decisive<'f, 'a>(all: &'f [Fact<'a>], sign: f64) -> Vec<&'f Fact<'a>> {
    all.iter()
        .filter(|f| f.pull != 0.0 && (sign == 0.0 || f.pull.signum() == sign))
        .take(2)
        .collect()
}

fn sign_of(f: Finding) -> f64 {
    match f {
        Finding::Favors => 1.0,
        Finding::Disfavors => -1.0,
        _ => 0.0,
    }
}

fn sign_of_label(l: Label) -> f64 {
    sign_of(l.finding())
}

fn use_prose(
    rubric: &Rubric,
    guidance: &Guidance,
    case: &Case,
    u: &Use,
    a: &UseAnalysis,
    said: &mut Said,
) -> UseProse {
    let role = case.memo.as_ref().and_then(|m| m.role);
    let scene = scene(case, u, role);
    let splits: Vec<&Split> = guidance
        .splits
        .iter()
        .filter(|s| scene.all(&s.when))
        .collect();
    let decision = u
        .court
        .as_ref()
        .and_then(|c| guidance.decision(&c.authority, &u.id));
    let mut factors = Vec::new();
    for fs in &a.factors {
        let Some(factor) = rubric.factor(fs.factor) else {
            continue;
        };
        let all = facts(rubric, u, fs);
        let court = u
            .court
            .as_ref()
            .and_then(|c| c.factors.get(&fs.factor))
            .copied();
        let mut text = Vec::new();
        if !said.rules.contains(&fs.factor) {
            if let Some(rule) = guidance.rules.get(&fs.factor) {
                text.push(rule.trim().to_string());
            }
            said.rules.push(fs.factor);
        }
        let direction;
        match court {
            Some(found) if found != Finding::NotReached => {
                direction = finding_words(found).to_string();
                text.push(format!("The court found that this factor {direction}."));
                text.extend(decisive(&all, sign_of(found)).iter().map(|f| f.sentence()));
                let ours = fs.label.finding();
                if ours != found {
                    // Computed, never stored: editing an answer cannot leave this stale.
                    let why = decisive(&all, sign_of(ours))
                        .first()
                        .map(|f| format!(", chiefly because of {}", topic(f.question)))
                        .unwrap_or_default();
                    text.push(format!(
                        "On the answers recorded here this factor would instead {}{why}; the court's finding governs.",
                        finding_now(ours)
                    ));
                }
            }
            _ => {
                direction = label_words(fs.label).to_string();
                let chosen = decisive(&all, sign_of_label(fs.label));
                if chosen.is_empty() {
                    text.push("Nothing established so far bears on this factor.".into());
                } else {
                    text.push(format!("Here the factor {direction}."));
                    text.extend(chosen.iter().map(|f| f.sentence()));
                    let already = text.join(" ");
                    let mut ids: Vec<&str> = Vec::new();
                    for f in &chosen {
                        for id in &f.option.authorities {
                            let marker = format!("[[cite:{id}]]");
                            if id != "statute-107"
                                && !ids.contains(&id.as_str())
                                && !already.contains(&marker)
                            {
                                ids.push(id);
                            }
                        }
                    }
                    ids.truncate(1);
                    if !ids.is_empty() {
                        let cites: Vec<String> =
                            ids.iter().map(|id| format!("[[name:{id}]]")).collect();
                        text.push(format!("See {}.", cites.join("; ")));
                    }
                }
            }
        }
        for s in splits.iter().filter(|s| s.factor == fs.factor) {
            if said.splits.contains(&s.id) {
                text.push(format!("The split on {} applies here too.", s.topic));
            } else {
                text.push(s.text.trim().to_string());
                said.splits.push(s.id.clone());
            }
        }
        factors.push(FactorProse {
            number: fs.factor.number(),
            name: factor.name.clone(),
            direction,
            paragraph: text.join(" "),
        });
    }
    let question = question(u, a, rubric);
    let split_ids = splits.iter().map(|s| s.id.clone()).collect();
    let driver = driver(rubric, u, a);
    // A decided use is reported as the court decided it; what the checklist
    // leaves open there is not what the holding turned on.
    let open = if u.court.is_some() {
        Vec::new()
    } else {
        open_facts(rubric, u, a)
    };
    if a.conclusion == Conclusion::NoProtectedExpression {
        return unprotected(rubric, a, question, open, split_ids);
    }
    match (decision, &u.court) {
        (Some(d), Some(ruling)) => {
            let mut weighing = vec![d.weighing.trim().to_string()];
            let differs: Vec<u8> = a
                .court
                .iter()
                .flat_map(|c| &c.factors)
                .filter(|f| !f.agrees)
                .map(|f| f.factor.number())
                .collect();
            if let Some(c) = &a.court {
                if !c.conclusion_agrees {
                    weighing.push(format!(
                        "The answers recorded here would make this use {}; the court's holding governs, and the difference shows where these answers depart from the court's reasoning.",
                        conclusion_words(a.conclusion)
                    ));
                } else if !differs.is_empty() {
                    weighing.push(format!(
                        "The answers recorded here reach the court's result, though they read factor{} {} differently.",
                        if differs.len() > 1 { "s" } else { "" },
                        join_and(&differs.iter().map(u8::to_string).collect::<Vec<_>>())
                    ));
                }
            }
            weighing.push(d.reach.trim().to_string());
            let mut brief = vec![d.holding.trim().to_string(), d.turns_on.trim().to_string()];
            brief.extend(split_clause(&splits, &mut said.briefed));
            UseProse {
                question,
                brief_answer: brief.join(" "),
                conclusion: match ruling.holding {
                    crate::model::Holding::FairUse => "fair use, as the court held".into(),
                    crate::model::Holding::NotFairUse => "not fair use, as the court held".into(),
                },
                factors,
                weighing: weighing.join(" "),
                pivotal: Vec::new(),
                open,
                splits: split_ids,
                nearest: String::new(),
            }
        }
        _ => {
            let words = conclusion_words(a.conclusion);
            let turning = turning_topics(rubric, guidance, a);
            let mut brief = vec![format!("{}.", capitalize(words))];
            if let Some((f, _)) = driver.as_ref().filter(|(_, t)| t.is_empty()) {
                brief.push(format!("The {} factor decides it.", ordinal(*f)));
            } else if let Some((f, topics)) = &driver {
                brief.push(format!(
                    "{} {} the {} factor, which decides it.",
                    capitalize(&join_and(topics)),
                    if topics.len() > 1 { "carry" } else { "carries" },
                    ordinal(*f)
                ));
            }
            if a.views.engaged.is_empty() {
                brief.extend(split_clause(&splits, &mut said.briefed));
            } else {
                brief.extend(views_clause(rubric, guidance, a, &mut said.briefed));
            }
            let mut weighed = weighing(rubric, u, a, driver.as_ref());
            if !turning.is_empty() {
                weighed.push_str(&format!(
                    " Which way it comes out depends on the split over {} set out in the Brief Answer.",
                    join_and(&turning)
                ));
            }
            UseProse {
                question,
                brief_answer: brief.join(" "),
                conclusion: words.into(),
                weighing: weighed,
                factors,
                pivotal: pivotal(rubric, a),
                open,
                splits: split_ids,
                nearest: String::new(),
            }
        }
    }
}

/// A use that takes nothing protected: the threshold answer says why, and
/// the four factors are not discussed.
fn unprotected(
    rubric: &Rubric,
    a: &UseAnalysis,
    question: String,
    open: Vec<String>,
    splits: Vec<String>,
) -> UseProse {
    let answer = a.threshold.as_ref().and_then(|t| {
        let (_, q) = rubric.question(&t.question)?;
        Some((q, q.option(t.answer.as_deref()?)?))
    });
    let mut brief = vec![
        "No fair-use defense is needed: on the facts recorded, nothing protected by copyright was taken.".to_string(),
    ];
    if let Some((q, o)) = answer {
        brief.push(format!(
            "As to {}, what was taken is {}.",
            topic(q),
            phrase(o)
        ));
    }
    let mut weighing = Vec::new();
    if let Some(reason) = a
        .threshold
        .as_ref()
        .and_then(|t| t.reason.as_deref())
        .filter(|r| !r.trim().is_empty())
    {
        weighing.push(end_sentence(reason));
    }
    weighing.push(
        "Copying what copyright does not protect infringes nothing, so the four statutory factors are not weighed for this use; they would matter only if protected expression were shown to have been taken.".to_string(),
    );
    UseProse {
        question,
        brief_answer: brief.join(" "),
        conclusion: "no fair-use defense needed: nothing protected was taken".into(),
        factors: Vec::new(),
        weighing: weighing.join(" "),
        pivotal: Vec::new(),
        open,
        splits,
        nearest: String::new(),
    }
}

/// The two closest decided cases (decisions with a final answer on fair use
/// only), each with its holding and the fact that differs most.
fn nearest_prose(rubric: &Rubric, authorities: &AuthorityLibrary, a: &UseAnalysis) -> String {
    let found: Vec<(String, &str, String)> = a
        .nearest
        .iter()
        .filter(|n| {
            authorities
                .get(&n.authority)
                .is_some_and(|x| x.outcome != crate::model::Outcome::Undecided)
        })
        .take(2)
        .map(|n| {
            let held = n.holding.describe();
            let differs = n
                .differs
                .first()
                .and_then(|d| rubric.question(&d.question))
                .map(|(_, q)| topic(q))
                .unwrap_or_default();
            (format!("[[cite:{}]]", n.authority), held, differs)
        })
        .collect();
    match found.as_slice() {
        [] => String::new(),
        [(x, h, t), (y, k, u)] if h == k && t == u && !t.is_empty() => {
            format!("{x} and {y} (both held {h}) differ most from this use on {t}.")
        }
        _ => {
            let parts: Vec<String> = found
                .iter()
                .enumerate()
                .map(|(i, (c, h, t))| match (i, t.is_empty()) {
                    (_, true) => format!("{c} (held {h})"),
                    (0, false) => format!("{c} ({h}), differing most on {t}"),
                    _ => format!("{c} ({h}), on {t}"),
                })
                .collect();
            format!("{}.", parts.join("; "))
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// The key a split is remembered by once set out: the guidance's split for
/// the view when there is one, so a split named either way is said once.
fn view_key(guidance: &Guidance, view: &str) -> String {
    guidance
        .splits
        .iter()
        .find(|s| s.view.as_deref() == Some(view))
        .map_or_else(|| format!("view:{view}"), |s| s.id.clone())
}

fn view_topic(rubric: &Rubric, guidance: &Guidance, view: &str) -> String {
    guidance
        .splits
        .iter()
        .find(|s| s.view.as_deref() == Some(view))
        .map(|s| s.topic.clone())
        .or_else(|| rubric.view(view).map(|v| sanitize::line(&v.point)))
        .unwrap_or_else(|| view.replace('-', " "))
}

/// The splits this use's conclusion turns on, as topics.
fn turning_topics(rubric: &Rubric, guidance: &Guidance, a: &UseAnalysis) -> Vec<String> {
    a.views
        .engaged
        .iter()
        .filter(|e| a.views.turns_on.contains(&e.view))
        .map(|e| view_topic(rubric, guidance, &e.view))
        .collect()
}

/// The legal views in the Brief Answer: a split the result turns on, with
/// each side's result and authority; the splits it survives, in a sentence.
fn views_clause(
    rubric: &Rubric,
    guidance: &Guidance,
    a: &UseAnalysis,
    briefed: &mut Vec<String>,
) -> Option<String> {
    if a.views.engaged.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut steady = Vec::new();
    let mut all_noted = true;
    for e in &a.views.engaged {
        let key = view_key(guidance, &e.view);
        let topic = view_topic(rubric, guidance, &e.view);
        let turns = a.views.turns_on.contains(&e.view);
        if briefed.contains(&key) {
            if turns {
                out.push(format!("It turns on the split over {topic} noted above."));
            } else {
                steady.push(topic);
            }
            continue;
        }
        let Some(view) = rubric.view(&e.view) else {
            continue;
        };
        if !turns {
            steady.push(topic);
            all_noted = false;
            briefed.push(key);
            continue;
        }
        let sides: Vec<String> = e
            .sides
            .iter()
            .filter_map(|r| {
                let side = view.sides.iter().find(|s| s.id == r.side)?;
                let result = conclusion_words(r.conclusion?);
                let cite = side
                    .authorities
                    .first()
                    .map(|id| format!(" ([[cite:{id}]])"))
                    .unwrap_or_default();
                Some(format!(
                    "if {}{cite}, it is {result}",
                    lower_first(&sanitize::line(&side.label))
                ))
            })
            .collect();
        if sides.is_empty() {
            continue;
        }
        out.push(format!(
            "It is close because it turns on the split over {topic}: {}.",
            sides.join("; ")
        ));
        briefed.push(key);
    }
    if !steady.is_empty() {
        out.push(format!(
            "The result holds on every side of the split{} over {}{}.",
            if steady.len() > 1 { "s" } else { "" },
            join_and(&steady),
            if all_noted { " noted above" } else { "" }
        ));
    }
    Some(out.join(" ")).filter(|s| !s.is_empty())
}

fn split_clause(splits: &[&Split], briefed: &mut Vec<String>) -> Option<String> {
    if splits.is_empty() {
        return None;
    }
    let (old, new): (Vec<&&Split>, Vec<&&Split>) =
        splits.iter().partition(|s| briefed.contains(&s.id));
    briefed.extend(new.iter().map(|s| s.id.clone()));
    if new.is_empty() {
        let topics: Vec<String> = old.iter().map(|s| s.topic.clone()).collect();
        return Some(format!(
            "The split over {} noted above bears on it too.",
            join_and(&topics)
        ));
    }
    let parts: Vec<String> = new
        .iter()
        .map(|s| {
            let sides: Vec<String> = s
                .sides
                .iter()
                .map(|x| format!("*{}* {}", x.name, x.result))
                .collect();
            format!("{} ({})", s.topic, sides.join(", "))
        })
        .collect();
    // Engaging a split is not turning on it: whether the result turns on a
    // split is the views clause's to say, from the engine.
    Some(format!("The courts split over {}.", join_and(&parts)))
}

/// "Is Ross's use of ... a fair use under 17 U.S.C. § 107?"
fn question(u: &Use, _a: &UseAnalysis, _rubric: &Rubric) -> String {
    let subject = match &u.question {
        Some(q) => sanitize::line(q),
        None => format!("the {}", lower_first(&sanitize::line(&u.title))),
    };
    let subject = subject.trim_end_matches(['.', '?']).to_string();
    format!("Is {subject} a fair use under 17 U.S.C. § 107?")
}

/// The factor pulling hardest toward the conclusion, with the topics inside it
/// that carry it. Close questions name the strongest pull either way.
fn driver(rubric: &Rubric, u: &Use, a: &UseAnalysis) -> Option<(FactorId, Vec<String>)> {
    let sign = match a.conclusion {
        Conclusion::LikelyFairUse => 1.0,
        Conclusion::LikelyNotFairUse => -1.0,
        Conclusion::CloseCall | Conclusion::NoProtectedExpression => 0.0,
    };
    let pull = |fs: &FactorScore| rubric.factor(fs.factor).map_or(0.0, |f| f.weight) * fs.score;
    let fs = a
        .factors
        .iter()
        .filter(|fs| sign == 0.0 || pull(fs).signum() == sign)
        .filter(|fs| pull(fs) != 0.0)
        .max_by(|x, y| pull(x).abs().total_cmp(&pull(y).abs()))?;
    let all = facts(rubric, u, fs);
    let topics: Vec<String> = decisive(&all, fs.score.signum())
        .iter()
        .map(|f| topic(f.question))
        .collect();
    Some((fs.factor, topics))
}

fn weighing(
    rubric: &Rubric,
    u: &Use,
    a: &UseAnalysis,
    driver: Option<&(FactorId, Vec<String>)>,
) -> String {
    let mut out = Vec::new();
    let Some((f, topics)) = driver else {
        return "The recorded facts do not yet point either way; the open questions below decide it.".into();
    };
    let pull = |fs: &FactorScore| rubric.factor(fs.factor).map_or(0.0, |x| x.weight) * fs.score;
    let main = a.factors.iter().find(|x| x.factor == *f);
    let main_sign = main.map_or(0.0, |m| m.score.signum());
    let counter = a
        .factors
        .iter()
        .filter(|x| pull(x).signum() == -main_sign && pull(x) != 0.0)
        .max_by(|x, y| pull(x).abs().total_cmp(&pull(y).abs()));
    match a.conclusion {
        Conclusion::CloseCall => {
            out.push(format!(
                "Weighed together rather than counted, the factors leave this a close question. The {} factor {}, on {}.",
                ordinal(*f),
                main.map_or("", |m| label_words(m.label)),
                join_and(topics)
            ));
            if let Some(c) = counter {
                let all = facts(rubric, u, c);
                let t: Vec<String> = decisive(&all, c.score.signum())
                    .iter()
                    .map(|x| topic(x.question))
                    .collect();
                out.push(format!(
                    "Against it, the {} factor {}, on {}.",
                    ordinal(c.factor),
                    label_words(c.label),
                    join_and(&t)
                ));
            }
        }
        _ => {
            out.push(format!(
                "Weighed together rather than counted, the factors make this use {}. What drives the result is the {} factor, and within it {}.",
                conclusion_words(a.conclusion),
                ordinal(*f),
                join_and(topics)
            ));
            if let Some(c) = counter {
                out.push(format!(
                    "The {} factor points the other way, but on these facts not strongly enough to change the result.",
                    ordinal(c.factor)
                ));
            }
        }
    }
    out.join(" ")
}

fn option_of<'r>(rubric: &'r Rubric, q: &str, o: &str) -> Option<(&'r Question, &'r AnswerOption)> {
    let (_, question) = rubric.question(q)?;
    Some((question, question.option(o)?))
}

fn pivotal(rubric: &Rubric, a: &UseAnalysis) -> Vec<String> {
    // Answered facts first (a change of fact, not a blank filled in); the first only.
    let mut facts: Vec<_> = a.pivotal.iter().collect();
    facts.sort_by_key(|p| p.from.is_none());
    // One change per question: two answers to the same question say the same thing twice.
    let mut seen: Vec<&str> = Vec::new();
    facts.retain(|p| {
        let fresh = !seen.contains(&p.question.as_str());
        seen.push(&p.question);
        fresh
    });
    facts
        .into_iter()
        .take(1)
        .filter_map(|p| {
            let (q, to) = option_of(rubric, &p.question, &p.to)?;
            let from = p
                .from
                .as_deref()
                .and_then(|f| q.option(f))
                .map(|o| format!(" rather than {}", phrase(o)))
                .unwrap_or_default();
            let then = match p.conclusion {
                Conclusion::LikelyFairUse => "it would probably be fair use",
                Conclusion::CloseCall => "it would become a close question",
                Conclusion::LikelyNotFairUse => "it would probably not be fair use",
                Conclusion::NoProtectedExpression => {
                    "nothing protected would have been taken, and no fair-use defense would be needed"
                }
            };
            Some(format!(
                "If {} were {}{from}, {then}.",
                topic(q),
                phrase(to)
            ))
        })
        .collect()
}

fn open_facts(rubric: &Rubric, u: &Use, a: &UseAnalysis) -> Vec<String> {
    let mut out = Vec::new();
    for f in &a.factors {
        for qid in &f.open {
            if let Some((_, q)) = rubric.question(qid) {
                let what = u
                    .notes
                    .get(qid)
                    .map(|n| end_sentence(n))
                    .unwrap_or_else(|| "Not yet established.".into());
                out.push(format!("{}: {what}", capitalize(&topic(q))));
            }
        }
        for qid in &f.unanswered {
            if let Some((_, q)) = rubric.question(qid) {
                out.push(format!("{}: not yet answered.", capitalize(&topic(q))));
            }
        }
    }
    out
}

/// The forum's binding law, and the weight of what is cited from elsewhere.
fn forum(
    guidance: &Guidance,
    authorities: &AuthorityLibrary,
    case: &Case,
    cited: &[String],
) -> String {
    let place = case
        .forum
        .clone()
        .unwrap_or_else(|| case.jurisdiction.clone());
    let circuit = guidance.circuit_for(&place);
    let mut ids: Vec<&str> = Vec::new();
    for id in cited {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    let court = |id: &str| authorities.get(id).map_or("", |a| a.court.as_str());
    let names = |f: &dyn Fn(&str) -> bool| -> Vec<String> {
        ids.iter()
            .filter(|id| f(court(id)))
            .map(|id| format!("[[name:{id}]]"))
            .collect()
    };
    let appellate = |c: &str| c.starts_with("U.S. Court of Appeals");
    let district = names(&|c| c.starts_with("U.S. District Court"));
    let mut out = Vec::new();
    match circuit {
        Some(c) => {
            let shown = case.forum.clone().unwrap_or_else(|| {
                c.districts
                    .iter()
                    .find(|d| place.replace(' ', "").contains(&d.replace(' ', "")))
                    .cloned()
                    .unwrap_or_else(|| place.clone())
            });
            out.push(format!(
                "The matter is before the district court ({}), so the Supreme Court's decisions and those of the {} bind.",
                sanitize::line(&shown),
                c.name
            ));
            let binding = names(&|x| x == c.court);
            if !binding.is_empty() {
                out.push(format!(
                    "Of the decisions relied on here, {} {} {} law.",
                    join_and(&binding),
                    if binding.len() > 1 { "are" } else { "is" },
                    c.name
                ));
            }
            let other = names(&|x| appellate(x) && x != c.court);
            if !other.is_empty() {
                out.push(format!(
                    "{} {} other circuits' law, persuasive only.",
                    capitalize(&join_and(&other)),
                    if other.len() > 1 { "are" } else { "is" }
                ));
            }
        }
        None => match &case.forum {
            Some(f) => out.push(format!(
                "The matter is in the {}; which circuit's law binds there should be confirmed.",
                sanitize::line(f)
            )),
            None => out.push("No forum is identified yet ([Forum]).".into()),
        },
    }
    if !district.is_empty() {
        out.push(format!(
            "As district-court rulings, {} bind no other court.",
            join_and(&district)
        ));
    }
    out.join(" ")
}

fn issues(guidance: &Guidance, case: &Case, role: Option<Role>) -> Vec<IssueProse> {
    let mut out: Vec<IssueProse> = Vec::new();
    for issue in &guidance.issues {
        for u in &case.uses {
            let s = scene(case, u, role);
            if !s.all(&issue.when) {
                continue;
            }
            // The facts that raise it are already in the discussion; say the law once.
            let text = issue.text.trim().to_string();
            out.push(IssueProse {
                id: issue.id.clone(),
                title: issue.title.clone(),
                text,
            });
            break;
        }
    }
    out
}

fn steps(guidance: &Guidance, case: &Case, role: Option<Role>) -> Vec<String> {
    let hold = matches!(
        case.litigation,
        Some(Litigation::Pending | Litigation::Anticipated)
    );
    let mut chosen: Vec<(bool, String)> = Vec::new();
    for step in &guidance.steps {
        let applies = case.uses.iter().any(|u| {
            let s = scene(case, u, role);
            s.all(&step.when) && !s.any(&step.unless)
        });
        if applies {
            let text = step.text.trim().to_string();
            if !chosen.iter().any(|(_, t)| *t == text) {
                chosen.push((step.changes, text));
            }
        }
    }
    let mut out = Vec::new();
    if hold && chosen.iter().any(|(changes, _)| *changes) {
        out.push(guidance.preservation.trim().to_string());
    }
    for (changes, text) in chosen {
        if hold && changes {
            out.push(format!(
                "Once the hold and the capture are in place: {}",
                lower_first(&text)
            ));
        } else {
            out.push(text);
        }
    }
    out
}
