#!/usr/bin/env python3
"""Where the CPU goes in a JFR recording: aggregates jdk.ExecutionSample stacks (`jfr print`).

    docs/bench/jfr-top-frames.py recording.jfr [--top 25] [--depth 64]

Prints (1) the top self frames, (2) the top application frames (first fr.mssante frame from the top of the
stack, i.e. the project code that led to the sample), (3) inclusive shares of a few cost buckets matched on
any frame of the stack (the first matching bucket wins, in the order listed). Only RUNNABLE Java samples are
recorded by JFR: time blocked in fsync or on locks shows up in neither, so read it with the server CPU figure.
"""
import argparse, collections, re, subprocess, sys

BUCKETS = [  # (name, regex on a frame): first match from the top of the list wins
    ("audit trail (AuditBean/AuditTrail)", r"fr\.mssante\.ejb\.audit\.Audit(Bean|Trail)"),
    ("MIME parse / content index", r"fr\.mssante\.ejb\.delivery\.(ContentIndexer|mime\.)"),
    ("delivery (DeliveryService & co)", r"fr\.mssante\.ejb\.delivery\."),
    ("intake (IntakeService, SMTP endpoint)", r"fr\.mssante\.ejb\.intake\."),
    ("IMAP engine", r"fr\.mssante\.connector\.(ra\.)?imap|\.imap\."),
    ("SMTP engine", r"fr\.mssante\.connector\.(ra\.)?smtp|\.smtp\."),
    ("password hashing (Argon2)", r"(?i)argon2"),
    ("TLS", r"sun\.security\.ssl|javax\.net\.ssl|SSLEngine"),
    ("JMS / Artemis", r"org\.apache\.activemq"),
    ("transactions (Narayana)", r"com\.arjuna"),
    ("Hibernate", r"org\.hibernate"),
    ("JDBC driver", r"org\.postgresql"),
]


def samples(path, depth):
    out = subprocess.run(["jfr", "print", "--stack-depth", str(depth), "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    stack, inside = [], False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("stackTrace = ["):
            stack, inside = [], True
        elif inside and s == "]":
            inside = False
            yield stack
        elif inside and s and s != "...":
            stack.append(re.sub(r"\s+line:.*$", "", s))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("jfr")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--depth", type=int, default=96)
    a = p.parse_args()
    self_frames, app_frames, buckets = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for stack in samples(a.jfr, a.depth):
        if not stack:
            continue
        total += 1
        self_frames[stack[0]] += 1
        app_frames[next((f for f in stack if f.startswith("fr.mssante.")), "(no project frame)")] += 1
        joined = "\n".join(stack)
        buckets[next((n for n, rx in BUCKETS if re.search(rx, joined)), "other")] += 1
    if not total:
        sys.exit("no jdk.ExecutionSample events")
    print(f"{total} execution samples\n\n## cost buckets (inclusive, first match)\n")
    for name, n in buckets.most_common():
        print(f"{100 * n / total:5.1f} %  {name}")
    for title, counter in (("top self frames", self_frames), ("top project frames", app_frames)):
        print(f"\n## {title}\n")
        for frame, n in counter.most_common(a.top):
            print(f"{100 * n / total:5.1f} %  {frame}")


if __name__ == "__main__":
    main()
