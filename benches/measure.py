#!/usr/bin/env python3
"""Run a command several times; report each run's wall time and its peak memory.

    python3 benches/measure.py [--runs N] [--warmup K] [--rss-runs R] [--cpu C]
                               [--cwd DIR] [--stdout FILE] -- COMMAND [ARG...]

Wall time is the whole process, from spawn to exit (time.perf_counter_ns around
spawn and wait), over --runs runs after --warmup discarded ones. CPU time (user +
system, from the same runs' rusage) is reported too: on a shared machine it is
less disturbed by other load than wall time.

Peak memory (maximum resident set size) comes from --rss-runs further runs:
  * under GNU time (`/usr/bin/time -f %M`) when it is installed, which is exact;
  * otherwise from os.wait4's rusage for the child. Linux carries the parent's
    resident size into a child's ru_maxrss when the child execs, so this figure
    can be no lower than what the same method reports for /bin/true (the
    "floor", reported too). A figure above the floor is exact; one at the floor
    means "at most this much".
RSS runs are separate from timed runs so that GNU time's own start-up is never
counted in the wall time.

With --cpu, this process pins itself to that CPU before spawning (like
`taskset -c C`); children inherit the pinning.

Prints one JSON line: {"wall_s": [...], "cpu_s": [...], "maxrss_kb": [...], "rss_method": "...",
"rss_floor_kb": K or null}. Exits 1, showing the child's standard error, if any
run exits non-zero: a failed run is an error, not a slow result.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def gnu_time():
    path = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else shutil.which("gtime")
    if not path:
        return None
    try:
        probe = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return path if "GNU" in probe.stdout + probe.stderr else None


def run(command, cwd, stdout):
    """Runs once; returns (wall seconds, CPU seconds, ru_maxrss in KB). Exits on failure."""
    # Standard error goes to a file, not a pipe: the child must never block on
    # a full pipe while we wait4 for it (we reap it ourselves to get its rusage).
    with open(stdout, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter_ns()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = (time.perf_counter_ns() - start) / 1e9
        child.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            sys.stderr.write(err.read().decode("utf-8", "replace")[-4000:])
            sys.stderr.write(f"measure.py: {command[0]} exited with {code}\n")
            sys.exit(1)
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return elapsed, usage.ru_utime + usage.ru_stime, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=0)
    ap.add_argument("--rss-runs", type=int, default=1)
    ap.add_argument("--cpu", type=int, default=None)
    ap.add_argument("--cwd", default=None)
    ap.add_argument("--stdout", default=os.devnull, help="where the last run's output goes")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("no command given")
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})

    walls, cpus = [], []
    for i in range(args.warmup + args.runs):
        elapsed, cpu, _ = run(command, args.cwd, args.stdout)
        if i >= args.warmup:
            walls.append(elapsed)
            cpus.append(cpu)

    rss, floor = [], None
    timer = gnu_time()
    if timer:
        with tempfile.TemporaryDirectory() as tmp:
            report = os.path.join(tmp, "rss")
            for _ in range(args.rss_runs):
                run([timer, "-f", "%M", "-o", report, "--"] + command, args.cwd, args.stdout)
                with open(report) as f:
                    rss.append(int(f.read().split()[-1]))
        method = "GNU time"
    else:
        for _ in range(args.rss_runs):
            rss.append(run(command, args.cwd, args.stdout)[2])
        floor = run(["/bin/true"] if os.path.exists("/bin/true") else ["true"], None, os.devnull)[2]
        method = "wait4"
    print(json.dumps({"wall_s": walls, "cpu_s": cpus, "maxrss_kb": rss, "rss_method": method,
                      "rss_floor_kb": floor}))


if __name__ == "__main__":
    main()
