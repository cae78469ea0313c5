#!/usr/bin/env python3
"""jfr-top.py -- where the CPU went in a JFR recording: top frames by sample count (Python 3 stdlib only).

    jcmd <pid> JFR.start name=bench settings=profile filename=/tmp/x.jfr   ... load ...   jcmd <pid> JFR.stop name=bench
    python3 docs/bench/jfr-top.py /tmp/x.jfr                      # self + inclusive tables, top 25 methods
    python3 docs/bench/jfr-top.py /tmp/x.jfr --by package --top 15  # the same by package
    python3 docs/bench/jfr-top.py /tmp/x.jfr --match fr.mssante    # inclusive, first frame of ours in each stack
    python3 docs/bench/jfr-top.py /tmp/x.jfr --buckets             # share of a few named cost buckets

Reads the execution samples with the JDK's own `jfr print --json` (so it needs `jfr` from the same JDK
kind) and prints markdown tables:
  self       the frame on top of each sampled stack (where the CPU was burnt);
  inclusive  every method present anywhere in the stack, counted once per sample (what it cost with
             all it called): the view that answers "how much of the CPU does delivery / LOGIN take";
  --match P  for each sample, the topmost frame whose class starts with P (e.g. fr.mssante): the
             project's code responsible for the time spent in libraries below it.
  --buckets  each sample counted once, in the first of BUCKETS (below) that any frame of its stack
             matches, in that order ("other" when none): audit, delivery, intake, engines, Argon2, TLS...
Percentages are of all samples of the selected events. jdk.ExecutionSample only sees threads running
Java code; --native adds jdk.NativeMethodSample (threads in native code, e.g. socket reads: waiting,
not CPU), off by default. Stacks are read to --stack-depth frames (JFR records at most 64 by default).
"""
import argparse
import collections
import json
import re
import shutil
import subprocess
import sys

BUCKETS = [  # (name, regex on "class.method"): the first that matches any frame of a stack wins
    ("audit trail (AuditBean/AuditTrail)", r"fr\.mssante\.ejb\.audit\.Audit(Bean|Trail)"),
    ("MIME parse / content index", r"fr\.mssante\.ejb\.delivery\.(ContentIndexer|mime\.)"),
    ("delivery (DeliveryService & co)", r"fr\.mssante\.ejb\.delivery\."),
    ("intake (IntakeService, SMTP endpoint)", r"fr\.mssante\.ejb\.intake\."),
    ("IMAP engine", r"fr\.mssante\.connector\.imap\."),
    ("SMTP engine", r"fr\.mssante\.connector\.smtp\."),
    ("password hashing (Argon2)", r"(?i)argon2"),
    ("TLS", r"sun\.security\.ssl|javax\.net\.ssl|SSLEngine"),
    ("JMS / Artemis", r"org\.apache\.activemq"),
    ("transactions (Narayana)", r"com\.arjuna"),
    ("Hibernate", r"org\.hibernate"),
    ("JDBC driver", r"org\.postgresql"),
]


def frames_of(event):
    trace = event.get("values", {}).get("stackTrace") or {}
    out = []
    for f in trace.get("frames") or []:
        m = f.get("method") or {}
        cls = (m.get("type") or {}).get("name", "?").replace("/", ".")  # the JSON gives binary names (a/b/C)
        out.append((cls, m.get("name", "?")))
    return out


def key(frame, by):
    cls, meth = frame
    if by == "method":
        return f"{cls}.{meth}"
    if by == "class":
        return cls
    return cls.rsplit(".", 1)[0] if "." in cls else cls


def load(path, events, depth, jfr):
    cmd = [jfr, "print", "--json", "--stack-depth", str(depth), "--events", ",".join(events), path]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {res.stderr.strip()[:500]}")
    return json.loads(res.stdout).get("recording", {}).get("events", [])


def table(title, counter, total, top):
    print(f"\n#### {title} ({total} samples)\n")
    print("| % | samples | frame |")
    print("|---|---|---|")
    for name, n in counter.most_common(top):
        print(f"| {100.0 * n / total:.1f} | {n} | `{name}` |")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("recording", help="a .jfr file")
    ap.add_argument("--top", type=int, default=25, help="rows per table")
    ap.add_argument("--by", choices=["method", "class", "package"], default="method")
    ap.add_argument("--match", help="class-name prefix: also tabulate the topmost matching frame of each sample")
    ap.add_argument("--buckets", action="store_true", help="also tabulate the cost buckets (BUCKETS)")
    ap.add_argument("--native", action="store_true", help="include jdk.NativeMethodSample (not CPU: threads in native code)")
    ap.add_argument("--stack-depth", type=int, default=64)
    ap.add_argument("--jfr", default=shutil.which("jfr") or "jfr", help="the JDK's jfr tool")
    args = ap.parse_args(argv)

    events = ["jdk.ExecutionSample"] + (["jdk.NativeMethodSample"] if args.native else [])
    samples = [frames_of(e) for e in load(args.recording, events, args.stack_depth, args.jfr)]
    samples = [s for s in samples if s]
    if not samples:
        print(f"no {', '.join(events)} events in {args.recording} (recorded with settings=profile?)")
        return 1
    total = len(samples)
    self_c, incl_c, match_c = collections.Counter(), collections.Counter(), collections.Counter()
    bucket_c = collections.Counter()
    for stack in samples:
        if args.buckets:
            names = [f"{cls}.{meth}" for cls, meth in stack]
            bucket_c[next((n for n, rx in BUCKETS if any(re.search(rx, f) for f in names)), "other")] += 1
        self_c[key(stack[0], args.by)] += 1
        incl_c.update({key(f, args.by) for f in stack})
        if args.match:
            mine = next((f for f in stack if f[0].startswith(args.match)), None)
            match_c[key(mine, args.by) if mine else "(no frame of " + args.match + ")"] += 1
    print(f"### {args.recording}: {', '.join(events)}, by {args.by}")
    table("self: top of stack", self_c, total, args.top)
    table("inclusive: anywhere in the stack", incl_c, total, args.top)
    if args.match:
        table(f"topmost frame of {args.match}", match_c, total, args.top)
    if args.buckets:
        table("cost buckets (first match in BUCKETS order)", bucket_c, total, len(BUCKETS) + 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
