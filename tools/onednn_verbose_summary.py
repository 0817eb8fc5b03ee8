"""Summarizes oneDNN primitive executions from an ONEDNN_VERBOSE=1 log (issue 19).

oneDNN prints one line per primitive execution with ONEDNN_VERBOSE=1: the primitive kind, the
implementation it dispatched to (e.g. `brg_conv_fwd:avx512_core`, `jit:avx512_core`), the
propagation kind, the problem (e.g. `mb100_ic32oc64_ih14oh14kh5...`) and its wall time in ms. This
groups them by (kind, propagation, problem, implementation) and prints per group the number of
executions, the minimum and the median time of the second half (after warm-up), largest first.
The minimum is the figure to compare on a shared machine (it is the least disturbed by other
processes). Works on logs of the runner (TensorFlow Java 1.1.0: oneDNN 3.5) and of TensorFlow
Python (2.21: oneDNN 3.7, lines prefixed `onednn_verbose,v1,`).

Usage:
  ONEDNN_VERBOSE=1 java -jar runner/target/runner.jar bench --profile-cnn --profile-warmup 20 > java.log 2>&1
  ONEDNN_VERBOSE=1 /work/venv-tf/bin/python tools/run_exported_step.py DIR 20 > python.log 2>&1
  python3 tools/onednn_verbose_summary.py java.log python.log
(needs only Python 3.)
"""
import collections
import statistics
import sys

for path in sys.argv[1:]:
    groups = collections.defaultdict(list)
    version = "?"
    for line in open(path, errors="replace"):
        if not line.startswith("onednn_verbose"):
            continue
        p = line.strip().split(",")
        if p[1] == "v1":
            p = p[:1] + p[2:]
        if p[1] == "info" and p[2].startswith("oneDNN v"):
            version = p[2]
        if len(p) < 12 or p[2] != "exec" or p[3] != "cpu":
            continue
        kind, impl, prop, problem = p[4], p[5], p[6], p[-2]
        try:
            groups[(kind, prop, problem, impl)].append(float(p[-1]))
        except ValueError:
            pass
    print("== %s (%s)" % (path, version))
    print("| primitive | propagation | problem | implementation | runs | min ms | median ms |")
    print("| --- | --- | --- | --- | ---: | ---: | ---: |")
    rows = []
    for key, times in groups.items():
        tail = times[len(times) // 2:]
        rows.append((min(tail), statistics.median(tail), len(times), key))
    for mn, med, n, (kind, prop, problem, impl) in sorted(rows, key=lambda r: -r[1]):
        if med >= 0.05:
            print("| %s | %s | %s | %s | %d | %.2f | %.2f |" % (kind, prop, problem, impl, n, mn, med))
