#!/usr/bin/env bash
# Throughput benchmark for fairuse: score and memo speed and peak memory over
# generated case files, with a PyYAML parse-only baseline measured in the same run.
#
#   benches/throughput.sh [N]        # N generated case files, default 10000
#
# Environment: SEED (107), RUNS (3 timed runs of each batch command, after one
# warm-up), MEMO_RUNS (50), CPU (0, the core or cores everything is pinned to:
# CPU=0-1 lets `score` use two cores; fairuse uses every core it is given),
# KEEP=1 (keep the temp folder), RESULTS=FILE (also write the figures as JSON).
#
# Prints a table of results against the targets. A missed target is reported as
# MISS and does not fail the script (this is a measurement, not a test); an error
# does (fairuse exiting non-zero, a wrong number of results, missing tools).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
N=${1:-${N:-10000}}
SEED=${SEED:-107}
RUNS=${RUNS:-3}
MEMO_RUNS=${MEMO_RUNS:-50}
CPU=${CPU:-0}
DATE=2026-11-28

die() { echo "throughput.sh: $*" >&2; exit 1; }
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, not '$N'"
command -v python3 >/dev/null || die "python3 is required"
command -v cargo >/dev/null || die "cargo is required (https://rustup.rs)"
python3 -c 'import yaml' 2>/dev/null || die "PyYAML is missing; install it with: pip install pyyaml"
python3 -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)' \
    || die "PyYAML has no libyaml (CSafeLoader); reinstall it with: pip install --force-reinstall pyyaml"

echo "== building (cargo build --release)" >&2
cargo build --release --quiet
TARGET_DIR=${CARGO_TARGET_DIR:-target}
[[ $TARGET_DIR = /* ]] || TARGET_DIR=$ROOT/$TARGET_DIR
BIN=$TARGET_DIR/release/fairuse
[[ -x $BIN ]] || die "no binary at $BIN after the build"

WORK=$(mktemp -d /tmp/fb.XXXXXX)
if [[ ${KEEP:-0} == 1 ]]; then
    echo "== keeping $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi

# Pin to one core: taskset when present; otherwise measure.py pins itself
# (sched_setaffinity, the same call). Children inherit the pinning.
if command -v taskset >/dev/null; then
    MEASURE=(taskset -c "$CPU" python3 "$ROOT/benches/measure.py")
    PINNED="taskset -c $CPU"
else
    MEASURE=(python3 "$ROOT/benches/measure.py" --cpu "$CPU")
    PINNED="sched_setaffinity($CPU)"
fi

echo "== generating $N case files (seed $SEED) into $WORK/c" >&2
python3 "$ROOT/benches/gen_cases.py" --out "$WORK/c" -n "$N" --seed "$SEED" >"$WORK/gen.json"
# Short relative names (c00000.yaml ...) keep the argument list far below ARG_MAX.
FILES=()
while IFS= read -r f; do FILES+=("$f"); done < <(cd "$WORK/c" && ls -1 | grep '^c[0-9]*\.yaml$')
[[ ${#FILES[@]} -eq $N ]] || die "expected $N generated files, found ${#FILES[@]}"
MEMO_CASE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["most_uses"])' "$WORK/gen.json")

measure() { # name, then measure.py options and command
    local name=$1; shift
    echo "== $name" >&2
    "${MEASURE[@]}" "$@" >"$WORK/$name.m.json" || die "$name failed (see above)"
}

# 1. Score all files to JSON, then the same load without scoring (check), and
#    text output, to show where time goes.
measure score_json --runs "$RUNS" --warmup 1 --cwd "$WORK/c" --stdout "$WORK/score.json" \
    -- "$BIN" score --format json "${FILES[@]}"
measure score_j1 --runs "$RUNS" --warmup 1 --cwd "$WORK/c" --stdout "$WORK/score_j1.json" \
    -- "$BIN" score --format json -j 1 "${FILES[@]}"
cmp -s "$WORK/score.json" "$WORK/score_j1.json" || die "score -j 1 wrote other JSON than score on every core"
measure check --runs "$RUNS" --warmup 1 --cwd "$WORK/c" --stdout "$WORK/check.txt" \
    -- "$BIN" check "${FILES[@]}"
measure score_text --runs "$RUNS" --warmup 1 --cwd "$WORK/c" --stdout "$WORK/score.txt" \
    -- "$BIN" score --format text "${FILES[@]}"

# 2. The Python baseline: parse only, same files, same core.
measure pyyaml --runs "$RUNS" --warmup 1 --cwd "$WORK/c" --stdout "$WORK/pyyaml.txt" \
    -- python3 "$ROOT/benches/pyyaml_parse.py" "${FILES[@]}"

# 3. One memo, whole process.
measure memo --runs "$MEMO_RUNS" --warmup 3 --rss-runs 3 --cwd "$WORK/c" \
    -- "$BIN" memo "$MEMO_CASE" --date "$DATE" -o "$WORK/memo.md"
[[ -s $WORK/memo.md ]] || die "memo wrote nothing to $WORK/memo.md"

# 4. Reference: the bundled cases.
"$BIN" cases >"$WORK/bundled.txt"
BUNDLED=$(wc -l <"$WORK/bundled.txt" | tr -d ' ')
[[ $BUNDLED -gt 0 ]] || die "fairuse cases lists no bundled cases"
measure bundled_score --runs 20 --warmup 2 --stdout "$WORK/bundled.json" \
    -- "$BIN" score --format json
if grep -q '^kadrey-v-meta ' "$WORK/bundled.txt"; then
    measure bundled_memo --runs 20 --warmup 2 \
        -- "$BIN" memo kadrey-v-meta --date "$DATE" -o "$WORK/kadrey.md"
    [[ -s $WORK/kadrey.md ]] || die "memo wrote nothing to $WORK/kadrey.md"
else
    echo "== bundled_memo skipped: kadrey-v-meta is not a bundled case in this build" >&2
fi

# Counts, then the table.
CPU=$CPU python3 - "$WORK" "$N" "$BUNDLED" "$BIN" "$PINNED" "$MEMO_CASE" "${RESULTS:-}" <<'PY'
import json, math, os, platform, statistics, subprocess, sys

work, n, bundled, binary, pinned, memo_case, results = sys.argv[1:8]
n, bundled = int(n), int(bundled)
gen = json.load(open(os.path.join(work, "gen.json")))

def fail(msg):
    sys.exit(f"throughput.sh: {msg}")

def check_json(path, cases, uses=None):
    data = json.load(open(path))
    if not isinstance(data, list) or len(data) != cases:
        fail(f"{os.path.basename(path)}: expected {cases} entries, got {len(data)}")
    got = sum(len(c["uses"]) for c in data)
    if uses is not None and got != uses:
        fail(f"{os.path.basename(path)}: expected {uses} uses, got {got}")
    return got

check_json(os.path.join(work, "score.json"), n, gen["uses"])
check_json(os.path.join(work, "bundled.json"), bundled)
ok_lines = sum(1 for line in open(os.path.join(work, "check.txt")) if ": ok (" in line)
if ok_lines != n:
    fail(f"check: expected {n} ok lines, got {ok_lines}")

def load(name):
    path = os.path.join(work, f"{name}.m.json")
    return json.load(open(path)) if os.path.exists(path) else None

def med(m): return statistics.median(m["wall_s"])
def cpu(m): return statistics.median(m["cpu_s"])
def p95(m):
    xs = sorted(m["wall_s"])
    return xs[max(0, math.ceil(0.95 * len(xs)) - 1)]
def rss_mb(m): return max(m["maxrss_kb"]) / 1024
def rss(m):
    """Peak RSS in words; "<= X" when the fallback method cannot see below its floor."""
    floor = m.get("rss_floor_kb")
    if floor is not None and max(m["maxrss_kb"]) <= floor:
        return f"<= {rss_mb(m):.1f} MB"
    return f"{rss_mb(m):.1f} MB"

m = {k: load(k) for k in
     ["score_json", "score_j1", "check", "score_text", "pyyaml", "memo", "bundled_score", "bundled_memo"]}
py_inproc = open(os.path.join(work, "pyyaml.txt")).read().strip()

score_s = med(m["score_json"])
ratio = med(m["pyyaml"]) / score_s
rows = []  # (what, value, target, verdict)
def row(what, value, target="", ok=None):
    rows.append((what, value, target, "" if ok is None else ("PASS" if ok else "MISS")))

runs = len(m["score_json"]["wall_s"])
row(f"score --format json, {n} files: wall (median of {runs})", f"{score_s:.3f} s",
    "< 2 s" if n == 10000 else f"< {2 * n / 10000:.3g} s (2 s per 10k)", score_s < 2 * n / 10000)
row("  all runs", " ".join(f"{x:.3f}" for x in m["score_json"]["wall_s"]) + " s")
row("  CPU time (user + sys, median)", f"{cpu(m['score_json']):.3f} s")
row("  throughput", f"{n / score_s:,.0f} cases/s ({gen['uses'] / score_s:,.0f} uses/s)")
row("  peak RSS", rss(m["score_json"]), "< 20 MB", rss_mb(m["score_json"]) < 20)
row("check (load + validate, no scoring)", f"{med(m['check']):.3f} s (CPU {cpu(m['check']):.3f} s), {rss(m['check'])}")
row("score --format text", f"{med(m['score_text']):.3f} s (CPU {cpu(m['score_text']):.3f} s), {rss(m['score_text'])}")
row("PyYAML CSafeLoader parse only: wall", f"{med(m['pyyaml']):.3f} s (CPU {cpu(m['pyyaml']):.3f} s), {rss(m['pyyaml'])}")
row("  in-process parse time (last run)", py_inproc.replace("(in-process)", "").strip())
row("  fairuse speed-up over PyYAML", f"{ratio:.1f}x", ">= 10x", ratio >= 10)
row("  same, by CPU time", f"{cpu(m['pyyaml']) / cpu(m['score_json']):.1f}x")
def count_cpus(spec):
    """How many cores a taskset list names: "0" is 1, "0-1" is 2, "0,2-3" is 3."""
    total = 0
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        total += int(hi or lo) - int(lo) + 1
    return total
cores = count_cpus(os.environ.get("CPU", "0"))
share = score_s / med(m["pyyaml"])
row(f"score time / PyYAML time, every core given ({cores})", f"{share:.2f}", "<= 0.25", share <= 0.25)
j1 = med(m["score_j1"])
row("  same, one core (score -j 1)", f"{j1 / med(m['pyyaml']):.2f} ({j1:.3f} s)")
memo = m["memo"]
row(f"memo {memo_case}, whole process: median of {len(memo['wall_s'])}",
    f"{med(memo) * 1000:.2f} ms", "< 10 ms", med(memo) < 0.010)
row("  p95 / max", f"{p95(memo) * 1000:.2f} / {max(memo['wall_s']) * 1000:.2f} ms")
row("  CPU time (median)", f"{cpu(memo) * 1000:.2f} ms")
row("  peak RSS", rss(memo), "< 20 MB", rss_mb(memo) < 20)
bs = m["bundled_score"]
row(f"bundled: score --format json ({bundled} cases)",
    f"{med(bs) * 1000:.2f} ms median, p95 {p95(bs) * 1000:.2f} ms, {rss(bs)}")
if m["bundled_memo"]:
    bm = m["bundled_memo"]
    row("bundled: memo kadrey-v-meta",
        f"{med(bm) * 1000:.2f} ms median, p95 {p95(bm) * 1000:.2f} ms, {rss(bm)}",
        "< 10 ms", med(bm) < 0.010)
else:
    row("bundled: memo kadrey-v-meta", "skipped (not bundled)")

version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
           platform.processor()) if os.path.exists("/proc/cpuinfo") else platform.processor()
load = " ".join(open("/proc/loadavg").read().split()[:3]) if os.path.exists("/proc/loadavg") else "?"
print()
print(f"{version}; {n} generated files, {gen['uses']} uses, {gen['bytes'] / 1e6:.1f} MB of YAML")
print(f"CPU: {cpu}; {os.cpu_count()} logical CPUs; pinned with {pinned}; load average {load}")
print(f"wall time: whole process; peak RSS: {m['score_json']['rss_method']} (max of the RSS runs)")
print()
w = max(len(r[0]) for r in rows)
v = max(len(r[1]) for r in rows)
t = max(len(r[2]) for r in rows)
print(f"{'measurement':<{w}}  {'result':<{v}}  {'target':<{t}}  verdict")
print("-" * (w + v + t + 13))
for what, value, target, verdict in rows:
    print(f"{what:<{w}}  {value:<{v}}  {target:<{t}}  {verdict}".rstrip())

if results:
    json.dump({"n": n, "gen": gen, "version": version, "cpu": cpu, "pinned": pinned,
               "load_average": load, "measurements": m, "pyyaml_in_process": py_inproc,
               "ratio": ratio}, open(results, "w"), indent=1)
PY
