#!/usr/bin/env python3
"""Aggregates the execution samples of a JFR recording: the top frames (self time) and the frames most often
on the stack (inclusive), by method, and an inclusive count for a few named code paths.

  jcmd <wildfly pid> JFR.start duration=60s filename=/tmp/x.jfr settings=profile
  python3 docs/bench/jfr-top.py /tmp/x.jfr [--top 25] [--thread-filter REGEX]
"""
import argparse, collections, json, re, subprocess

p = argparse.ArgumentParser()
p.add_argument("recording")
p.add_argument("--top", type=int, default=25)
p.add_argument("--thread-filter", default=None, help="only samples of threads whose name matches")
a = p.parse_args()

out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", a.recording],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]

# Code paths worth naming in the IMAP profile: the first matching frame on the stack decides.
PATHS = [
    ("Argon2id (PasswordHasher)", re.compile(r"org\.bouncycastle\.crypto\.generators\.Argon2")),
    ("JDBC / PostgreSQL driver", re.compile(r"^org\.postgresql\.")),
    ("Hibernate", re.compile(r"^org\.hibernate\.")),
    ("JMS / Artemis", re.compile(r"^org\.apache\.activemq\.")),
    ("Narayana transactions", re.compile(r"^com\.arjuna\.")),
    ("TLS", re.compile(r"^(sun\.security\.ssl|io\.netty\.handler\.ssl)\.")),
    ("Netty", re.compile(r"^io\.netty\.")),
]

self_count = collections.Counter()
incl_count = collections.Counter()
path_count = collections.Counter()
n = 0
for e in events:
    v = e["values"]
    thread = (v.get("sampledThread") or {}).get("javaName") or ""
    if a.thread_filter and not re.search(a.thread_filter, thread):
        continue
    frames = (v.get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    n += 1
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
    self_count[names[0]] += 1
    for name in set(names):
        incl_count[name] += 1
    for label, rx in PATHS:
        if any(rx.search(x) for x in names):
            path_count[label] += 1

print(f"{n} samples")
print("\n## top frames (self)")
for name, c in self_count.most_common(a.top):
    print(f"{100 * c / n:5.1f} %  {name}")
print("\n## named code paths (inclusive; a sample may count in several)")
for label, _ in PATHS:
    print(f"{100 * path_count[label] / n:5.1f} %  {label}")
print("\n## fr.mssante methods most often on the stack (inclusive)")
for name, c in [x for x in incl_count.most_common() if x[0].startswith("fr.mssante")][: a.top]:
    print(f"{100 * c / n:5.1f} %  {name}")
