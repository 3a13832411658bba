#!/usr/bin/env python3
"""Generate valid fairuse case files for the throughput benchmark.

Answers are drawn from the real rubric (cases/law/rubric.yaml), so every file
passes `fairuse check`: only known questions and options are used, and a
question with `when: {question: Q, any_of: [...]}` is answered only when Q's
answer is one of those options. Randomness comes from a fixed seed, so the
same arguments always write the same files.

    python3 benches/gen_cases.py --out DIR [-n 10000] [--seed 107]

Writes DIR/c00000.yaml ... and prints one JSON line to stdout:
{"cases": N, "uses": U, "bytes": B, "largest": "c01234.yaml", "most_uses": "c00002.yaml"}
"""

import argparse
import json
import os
import random
import sys

try:
    import yaml
except ImportError:
    sys.exit("gen_cases.py: PyYAML is missing; install it with `pip install pyyaml`")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# A small legal-prose vocabulary, so facts and notes read like case files and
# have realistic length, line structure and character mix (including "§").
SUBJECTS = [
    "The developer", "The plaintiffs", "The publisher", "The defendant", "The company",
    "The research lab", "Its engineers", "The court", "The authors", "A former employee",
    "The startup", "The nonprofit archive", "The model's operator", "The rights holders",
]
VERBS = [
    "copied", "downloaded", "scanned", "licensed", "purchased", "stored", "filtered",
    "deduplicated", "tokenized", "indexed", "reviewed", "summarized", "distributed",
    "retained", "deleted", "tested", "fine-tuned on", "benchmarked against",
]
OBJECTS = [
    "roughly 190,000 books", "the complete run of the newspaper's archive",
    "a corpus of licensed photographs", "millions of public web pages", "the headnotes",
    "the plaintiffs' novels", "song lyrics scraped from lyric sites", "e-books bought at retail",
    "a shadow-library mirror", "the source code of the SDK", "the works in suit",
    "court opinions and their summaries", "a dataset assembled by a third party",
]
TAILS = [
    "before training began", "under a written licence that has since expired",
    "without seeking permission", "according to the complaint", "as the record shows",
    "over a period of eighteen months", "for internal evaluation only",
    "in the ordinary course of building the product", "as alleged but not yet found",
    "after removing metadata that identified the authors", "at the request of a customer",
    "and kept the copies on internal servers", "pursuant to 17 U.S.C. § 107, it argues",
]
CLAUSES = [
    "It is undisputed that", "The complaint alleges that", "Discovery showed that",
    "According to a declaration filed with the motion,", "The parties agree that",
    "Internal documents suggest that", "It is assumed for this analysis that",
    "Press reports, not findings, state that",
]
TITLE_WHO = [
    "Authors Guild", "Northwind Press", "Harbor Photo Agency", "Doe et al.", "Quill Media",
    "Lumen Records", "Meridian Legal Publishing", "Atlas News Group", "Cedar Software",
]
TITLE_VS = [
    "Orbital AI", "Lexicon Labs", "Parrot Systems", "OpenMind Inc.", "Vector Research",
    "Sable Data", "Beacon Models", "Fathom Analytics",
]
JURISDICTIONS = [
    "United States (N.D. Cal.)", "United States (S.D.N.Y.)", "United States (D. Del.)",
    "United States (2d Cir.)", "United States (9th Cir.)", "United States",
]
WRAP = 98


def sentence(rng):
    s = f"{rng.choice(CLAUSES)} {rng.choice(SUBJECTS).lower()} {rng.choice(VERBS)} " \
        f"{rng.choice(OBJECTS)} {rng.choice(TAILS)}."
    if rng.random() < 0.3:
        s += f" {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."
    return s


def paragraph(rng, target):
    words = []
    while sum(len(w) + 1 for w in words) < target:
        words.extend(sentence(rng).split())
    lines, line = [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > WRAP:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return lines


def facts(rng):
    """1-3 KB of prose in 2-5 paragraphs, as the lines of a literal block."""
    total = rng.randint(1000, 3000)
    count = rng.randint(2, 5)
    out = []
    for i in range(count):
        if i:
            out.append("")
        out.extend(paragraph(rng, total // count))
    return out


def q(s):
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def applies(question, answers):
    when = question.get("when")
    return when is None or answers.get(when["question"]) in when["any_of"]


def gen_use(rng, index, questions, courts):
    answers, notes = {}, {}
    for question in questions:
        if not applies(question, answers):
            continue
        scope = all("lean" not in o for o in question["options"])
        # The scope question is nearly always answered; others mostly.
        if rng.random() < (0.97 if scope else 0.85):
            options = question["options"]
            if question["id"] == "use-type" and rng.random() < 0.5:
                choice = "ai-training"  # the tool's main subject
            else:
                choice = rng.choice(options)["id"]
            answers[question["id"]] = choice
            if rng.random() < 0.5:
                notes[question["id"]] = sentence(rng)
    lines = [
        f"  - id: use-{index + 1}",
        f"    title: {q(rng.choice(VERBS).capitalize() + ' ' + rng.choice(OBJECTS))}",
        "    description: >-",
    ]
    lines += ["      " + line for line in paragraph(rng, rng.randint(120, 400))]
    if answers:
        lines.append("    answers:")
        lines += [f"      {k}: {v}" for k, v in answers.items()]
    if notes:
        lines.append("    notes:")
        lines += [f"      {k}: {q(v)}" for k, v in notes.items()]
    if courts and rng.random() < 0.1:
        findings = ["favors", "neutral", "disfavors", "not_reached"]
        factors = ", ".join(
            f"{f}: {rng.choice(findings)}" for f in ("purpose", "nature", "amount", "market")
        )
        lines += [
            "    court:",
            f"      authority: {rng.choice(courts)}",
            f"      holding: {rng.choice(['fair_use', 'not_fair_use'])}",
            f"      factors: {{ {factors} }}",
            f"      note: {q(sentence(rng))}",
        ]
    return lines


def gen_case(rng, index, questions, courts):
    cid = f"gen-{index:05d}"
    year = rng.choice([2024, 2025, 2026])
    lines = [
        f"# Generated by benches/gen_cases.py (case {index}); not a real dispute.",
        f"id: {cid}",
        f"title: {q(f'{rng.choice(TITLE_WHO)} v. {rng.choice(TITLE_VS)}: case {index}')}",
        f"jurisdiction: {q(rng.choice(JURISDICTIONS))}",
        f"facts_as_of: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    ]
    if rng.random() < 0.3:
        lines.append("posture: >-")
        lines += ["  " + line for line in paragraph(rng, rng.randint(200, 500))]
    lines.append("facts: |")
    lines += [("  " + line) if line else "" for line in facts(rng)]
    lines.append("sources:")
    lines += [f"  - {q(sentence(rng))}" for _ in range(rng.randint(1, 3))]
    uses = rng.randint(1, 3)
    lines.append("uses:")
    for u in range(uses):
        lines += gen_use(rng, u, questions, courts)
    return "\n".join(lines) + "\n", uses


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="folder to write the case files into")
    ap.add_argument("-n", type=int, default=10_000, help="number of case files (default 10000)")
    ap.add_argument("--seed", type=int, default=107)
    ap.add_argument("--rubric", default=os.path.join(ROOT, "cases/law/rubric.yaml"))
    ap.add_argument("--authorities", default=os.path.join(ROOT, "cases/law/authorities.yaml"))
    args = ap.parse_args()

    with open(args.rubric, encoding="utf-8") as f:
        rubric = yaml.safe_load(f)
    questions = [qn for factor in rubric["factors"] for qn in factor["questions"]]
    courts = []
    if os.path.exists(args.authorities):
        with open(args.authorities, encoding="utf-8") as f:
            library = yaml.safe_load(f)
        courts = [a["id"] for a in library.get("authorities", []) if a.get("kind") == "case"]

    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    total_uses = total_bytes = 0
    largest = (0, "")
    most_uses = (0, "")
    for i in range(args.n):
        text, uses = gen_case(rng, i, questions, courts)
        name = f"c{i:05d}.yaml"
        data = text.encode("utf-8")
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
        total_uses += uses
        total_bytes += len(data)
        largest = max(largest, (len(data), name))
        if uses > most_uses[0]:
            most_uses = (uses, name)
    print(json.dumps({
        "cases": args.n, "uses": total_uses, "bytes": total_bytes,
        "largest": largest[1], "most_uses": most_uses[1],
    }))


if __name__ == "__main__":
    main()
