#!/usr/bin/env python3
"""The Python baseline: merely parse each case file with PyYAML's C loader.

    python3 benches/pyyaml_parse.py FILE...

No validation, no scoring, no output beyond one line on standard output:
"parsed N files in S s (in-process)". The benchmark times the whole process,
as it does for fairuse.
"""

import sys
import time

try:
    import yaml
except ImportError:
    sys.exit("pyyaml_parse.py: PyYAML is missing; install it with `pip install pyyaml`")
if not getattr(yaml, "__with_libyaml__", False) or not hasattr(yaml, "CSafeLoader"):
    sys.exit(
        "pyyaml_parse.py: PyYAML was built without libyaml, so CSafeLoader is missing; "
        "reinstall it with `pip install --force-reinstall pyyaml` (the wheels include libyaml)"
    )


def main():
    paths = sys.argv[1:]
    start = time.perf_counter()
    for path in paths:
        with open(path, "rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
    elapsed = time.perf_counter() - start
    print(f"parsed {len(paths)} files in {elapsed:.3f} s (in-process)")


if __name__ == "__main__":
    main()
