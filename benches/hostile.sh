#!/usr/bin/env bash
# Time and peak memory of fairuse on the largest input it accepts and on
# pathological ones it must refuse quickly. Not run by CI; run it by hand:
#
#     bash benches/hostile.sh            # builds the release binary first
#     FAIRUSE=target/debug/fairuse bash benches/hostile.sh
#
# Needs GNU time (/usr/bin/time, Debian package `time`) for peak memory; without
# it, only wall time is shown. Installs nothing.
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ -z "${FAIRUSE:-}" ]]; then
    cargo build --release --quiet
    FAIRUSE=target/release/fairuse
fi
FAIRUSE=$(realpath "$FAIRUSE")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'EOF'
import sys, re
work = sys.argv[1]
def write(name, text):
    open(f"{work}/{name}", "w").write(text)

# The largest case accepted: a bundled case's first use repeated up to the
# limit of 100 uses, with its facts grown to bring the file to 1 MiB.
src = open("cases/bartz-v-anthropic.yaml").read()
head, uses = src.split("\nuses:\n", 1)
first = uses.split("\n  - id: ")[0].rstrip("\n") + "\n"
body = "".join(re.sub(r"^  - id: (\S+)", rf"  - id: \1-{i}", first, count=1) for i in range(100))
pad = "  Padding facts to reach the size limit.\n"
head = head.replace("facts: |\n", "facts: |\n" + pad * ((1024 * 1024 - len(head) - len(body) - 200) // len(pad)), 1)
out = head + "\nuses:\n" + body
write("largest.yaml", out)

# One huge text field, just under the limit.
write("big-facts.yaml",
      "id: big\ntitle: t\njurisdiction: US\nfacts_as_of: 2026-01-01\nfacts: |\n"
      + "  All work and no play makes Jack a dull boy.\n" * 22500
      + "uses:\n  - id: u\n    title: t\n    answers: {use-type: ai-training}\n")

# Just over the limit.
write("over-limit.yaml", "a: b\n" * (1024 * 1024 // 5 + 1))

# Deep nesting: flow, block, and flow hidden from the text screen by a quote.
write("deep-flow.yaml", "a: " + "[" * 500000 + "]" * 500000 + "\n")
write("deep-block.yaml", "".join("  " * i + f"k{i}:\n" for i in range(700)) + "  " * 700 + "x: 1\n")
write("deep-compact.yaml", "- " * 500000 + "x\n")
write("deep-hidden.yaml", "a: [\"x\n \", " + "[" * 400000 + "]" * 400000 + "]\n")

# Alias bombs: billion laughs, and a wide fan-out hidden from the text screen.
lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
for n in range(1, 10):
    lines.append(f"l{n}: &l{n} [" + ", ".join([f"*l{n-1}"] * 9) + "]")
write("billion-laughs.yaml", "\n".join(lines) + "\n")
write("alias-fan-out.yaml",
      'a: &b "' + "x" * 400000 + '"\nc: ["x\n ", ' + ", ".join(["*b"] * 20000) + "]\n")

# Many keys, many small scalars, long lines: the parser's own worst cases.
write("many-keys.yaml", "".join(f"k{i}: v\n" for i in range(90000)))
write("many-scalars.yaml", "a: [" + ",".join(["1"] * 500000) + "]\n")
write("long-line.yaml", "a: " + "x" * 1048000 + "\n")
# The most uses allowed, each with no answers: the most pivotal trials.
write("empty-uses.yaml", "id: many\ntitle: t\njurisdiction: US\nfacts_as_of: 2026-01-01\nfacts: x\nuses:\n"
      + "".join(f"  - {{id: u{i}, title: t}}\n" for i in range(100)))
# The largest rubric allowed (64 questions of 12 options), for the same case.
rubric = ["version: 1", "weighting: {note: n}", "factors:"]
for f in ["purpose", "nature", "amount", "market"]:
    rubric.append(f"  - id: {f}\n    name: F\n    statute: s\n    weight: 1\n    questions:")
    for i in range(16):
        opts = ", ".join(f"{{id: o{j}, label: l, lean: {j % 5 - 2}, rationale: r}}" for j in range(12))
        rubric.append(f"      - {{id: {f}-{i}, prompt: p, options: [{opts}]}}")
write("largest-rubric.yaml", "\n".join(rubric) + "\n")
write("many-errors.yaml", "id: many\ntitle: t\njurisdiction: US\nfacts_as_of: 2026-01-01\nfacts: x\nuses:\n"
      + "".join(f"  - {{id: u{i}, title: t, answers: {{"
                + ", ".join(f"nope{j}: x" for j in range(400)) + "}}\n" for i in range(100)))
EOF

cp tests/fixtures/valid/minimal.yaml "$work/"
# A runaway user template.
printf '{%% for i in range(100000) %%}{{ "x" * 10000 }}{%% endfor %%}\n' > "$work/runaway.j2"
printf '{{ "x" | indent(100000000, true) }}\n' > "$work/indent.j2"

have_time=0
[[ -x /usr/bin/time ]] && have_time=1

measure() {
    local label=$1; shift
    local rc
    if [[ $have_time == 1 ]]; then
        /usr/bin/time -o "$work/time" -f '%e %M' "$@" > /dev/null 2> "$work/stderr" && rc=0 || rc=$?
        read -r secs kb < <(tail -n 1 "$work/time")
        printf '%-34s exit %-3s %6.2f s %8d KB  %s\n' "$label" "$rc" "$secs" "$kb" \
            "$(head -n 1 "$work/stderr" | cut -c1-90)"
    else
        local start end
        start=$(date +%s.%N)
        "$@" > /dev/null 2> "$work/stderr" && rc=0 || rc=$?
        end=$(date +%s.%N)
        printf '%-34s exit %-3s %6.2f s  %s\n' "$label" "$rc" "$(echo "$end - $start" | bc)" \
            "$(head -n 1 "$work/stderr" | cut -c1-90)"
    fi
}

cd "$work"
echo "fairuse: $FAIRUSE"
echo "input sizes (bytes):"
wc -c ./*.yaml | sort -n | sed 's/^/  /'
echo
measure "check largest (1 MiB, accepted)" "$FAIRUSE" check largest.yaml
measure "score largest" "$FAIRUSE" score largest.yaml
measure "score --format json largest" "$FAIRUSE" score --format json largest.yaml
measure "memo largest" "$FAIRUSE" memo largest.yaml --date 2026-01-01
measure "memo big-facts" "$FAIRUSE" memo big-facts.yaml --date 2026-01-01
measure "score 100 empty uses" "$FAIRUSE" score empty-uses.yaml
measure "score 100 empty uses, 64x12 rubric" "$FAIRUSE" --rubric largest-rubric.yaml score empty-uses.yaml
measure "memo 100 empty uses, 64x12 rubric" "$FAIRUSE" --rubric largest-rubric.yaml memo empty-uses.yaml --date 2026-01-01
for f in over-limit deep-flow deep-block deep-compact deep-hidden billion-laughs \
         alias-fan-out many-keys many-scalars long-line many-errors; do
    measure "check $f" "$FAIRUSE" check "$f.yaml"
done
measure "memo runaway template" "$FAIRUSE" memo minimal.yaml --date 2026-01-01 --template runaway.j2
measure "memo indent template" "$FAIRUSE" memo minimal.yaml --date 2026-01-01 --template indent.j2
measure "check /dev/zero" "$FAIRUSE" check /dev/zero
