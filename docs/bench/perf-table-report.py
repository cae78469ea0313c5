#!/usr/bin/env python3
"""perf-table-report.py -- the issue-11 table (anchor beside ours) from perf-table.sh's JSON lines.

    python3 docs/bench/perf-table-report.py RESULTS_DIR/results.jsonl

Each record's label is "<system>:<workload>" (system = anchor | ours), written by perf-table.sh through
mailbench.py / imapmixed.py. Prints one markdown row per figure: median (min–max) over the repeats for
each system, and ratio = ours median / anchor median. "better" says which way is good: for rates a
ratio above 1 means we are faster; for latency and CPU per unit a ratio below 1 means we cost less.
A cell shows "n/a" when no run produced the figure (e.g. end-to-end delivery did not complete before
the timeout) and the errors column sums failed messages / sessions / commands over the runs. Below the
table: what the populate runs (populate.jsonl beside the results) left in each system's mailboxes.
"""
import json
import os
import statistics
import sys

# (row title, workload label, kind of figure, better, unit)
ROWS = [
    ("SMTP accepted, 20 KB, 1–3 rcpt, C=8", "smtp-20KB-c8", "smtp_msgs_per_s", "higher", "msg/s"),
    ("SMTP accepted, 20 KB, 1–3 rcpt, C=32", "smtp-20KB-c32", "smtp_msgs_per_s", "higher", "msg/s"),
    ("delivered (visible over IMAP), C=8", "smtp-20KB-c8", "e2e_msgs_per_s", "higher", "msg/s"),
    ("delivered (visible over IMAP), C=32", "smtp-20KB-c32", "e2e_msgs_per_s", "higher", "msg/s"),
    ("server CPU per message (accept + deliver), C=8", "smtp-20KB-c8", "cpu_ms_per_msg", "lower", "ms"),
    ("server CPU per message (accept + deliver), C=32", "smtp-20KB-c32", "cpu_ms_per_msg", "lower", "ms"),
    ("e2e latency p50, paced {rate} msg/s", "paced", "lat_p50_ms", "lower", "ms"),
    ("e2e latency p99, paced {rate} msg/s", "paced", "lat_p99_ms", "lower", "ms"),
    ("server CPU per message, paced {rate} msg/s", "paced", "cpu_ms_per_msg", "lower", "ms"),
    ("IMAP read sessions/s, plain, C=8", "imap-plain-c8", "sessions_per_s", "higher", "sessions/s"),
    ("IMAP read sessions/s, STARTTLS, C=8", "imap-tls-c8", "sessions_per_s", "higher", "sessions/s"),
    ("server CPU per IMAP read session, plain", "imap-plain-c8", "cpu_ms_per_session", "lower", "ms"),
    ("server CPU per IMAP read session, STARTTLS", "imap-tls-c8", "cpu_ms_per_session", "lower", "ms"),
    ("mixed IMAP load, {clients} clients on {mailboxes} mailboxes", "mixed", "commands_per_s", "higher", "commands/s"),
    ("server CPU per mixed IMAP command", "mixed", "cpu_ms_per_command", "lower", "ms"),
]


def figure(rec, name):
    res = rec["results"]
    if name == "cpu_ms_per_msg":
        cpu = res.get("cpu_e2e") or {}
        if res.get("e2e_complete") and res.get("sent_ok") and cpu.get("server_cpu_s") is not None:
            return cpu["server_cpu_s"] * 1000.0 / res["sent_ok"]
        return None
    if name == "cpu_ms_per_session":
        return res["cpu"]["server_cpu_s"] * 1000.0 / res["sessions_ok"] if res.get("sessions_ok") else None
    if name == "cpu_ms_per_command":
        return res["cpu"]["server_cpu_s"] * 1000.0 / res["commands"] if res.get("commands") else None
    if name == "smtp_msgs_per_s" and not res.get("sent_ok"):
        return None  # nothing accepted: no rate
    v = res.get(name)
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def errors(rec):
    res = rec["results"]
    return sum(res.get(k) or 0 for k in ("sent_err", "sessions_err", "commands_err"))


def fmt(v):
    if v is None:
        return "n/a"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.1f}" if abs(v) >= 10 else f"{v:.2f}"


def cell(values, runs):
    if not values:
        return f"n/a ({runs} run{'s' if runs > 1 else ''})" if runs else "not run"
    med = statistics.median(values)
    spread = f" ({fmt(min(values))}–{fmt(max(values))})" if len(values) > 1 else ""
    missing = f", {runs - len(values)} of {runs} runs without it" if runs > len(values) else ""
    return fmt(med) + spread + missing


def read(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def populated(path):
    """What the populate runs left in the mailboxes of each system (the IMAP rows depend on it)."""
    if not os.path.exists(path):
        return
    for r in read(path):
        res = r["results"]
        state = ("nothing delivered" if not res.get("sent_ok") else
                 "all visible over IMAP" if res.get("e2e_complete") else "NOT all delivered")
        print(f"- populate {r['label'].partition(':')[0]}: {res.get('sent_ok', 0)} messages accepted, "
              f"{res.get('sent_err', 0)} refused, {res.get('rcpts_accepted', 0)} deliveries, {state}"
              + (f"; e.g. {res['errors_sample'][0]}" if res.get("errors_sample") else ""))


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    recs = read(argv[0])
    by = {}
    context = {"rate": "?", "clients": "?", "mailboxes": "?"}
    for r in recs:
        system, _, workload = r["label"].partition(":")
        if workload.startswith("paced"):
            context["rate"] = f"{r['params'].get('rate', 0):g}"
            workload = "paced"
        if workload == "mixed":
            context["clients"], context["mailboxes"] = r["params"]["concurrency"], r["params"]["mailboxes"]
        by.setdefault((system, workload), []).append(r)
    print("| workload | anchor (Postfix + Dovecot) median (min–max) | ours median (min–max) | ratio ours/anchor | better | errors anchor / ours |")
    print("|---|---|---|---|---|---|")
    for title, workload, name, better, unit in ROWS:
        cols, meds, errs = [], [], []
        for system in ("anchor", "ours"):
            rs = by.get((system, workload), [])
            vals = [v for v in (figure(r, name) for r in rs) if v is not None]
            cols.append(cell(vals, len(rs)))
            meds.append(statistics.median(vals) if vals else None)
            errs.append(str(sum(errors(r) for r in rs)) if rs else "-")
        if not any(by.get((s, workload)) for s in ("anchor", "ours")):
            continue
        ratio = f"{meds[1] / meds[0]:.2f}×" if meds[0] and meds[1] is not None else "n/a"
        print(f"| {title.format(**context)} ({unit}) | {cols[0]} | {cols[1]} | {ratio} | {better} | {errs[0]} / {errs[1]} |")
    print()
    populated(os.path.join(os.path.dirname(argv[0]), "populate.jsonl"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
