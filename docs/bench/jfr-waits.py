#!/usr/bin/env python3
"""jfr-waits.py -- where threads WAITED in a JFR recording (jdk.ThreadPark, SocketRead, JavaMonitorEnter/Wait,
FileForce), summed by thread group, blocking library frame and topmost project frame (stdlib only).

    jcmd <pid> JFR.start name=w settings=profile filename=/tmp/w.jfr   ... paced load ...   jcmd <pid> JFR.stop name=w
    python3 docs/bench/jfr-waits.py /tmp/w.jfr --threads 'client-global\\)'    # the broker's MDB threads

jfr-top.py says where the CPU went; this says where the latency went: a delivery waiting for a row lock
shows as SocketRead under FolderAppender.append, an MDB waiting for a bean instance as ThreadPark under
StrictMaxPool.get. Only events with a project frame (--match, default fr.mssante) are kept, so idle
threads waiting for work do not drown the table. Profile settings record parks and reads over 10-20 ms.
"""
import argparse, collections, json, re, subprocess

EVENTS = "jdk.ThreadPark,jdk.SocketRead,jdk.JavaMonitorEnter,jdk.JavaMonitorWait,jdk.FileForce"
JDK = ("java.", "jdk.", "sun.", "org.jboss.logmanager")


def millis(duration):
    m = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?([\d.]+)S", duration or "")
    return ((int(m.group(1) or 0) * 60 + int(m.group(2) or 0)) * 60 + float(m.group(3))) * 1000 if m else 0.0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("recording")
    p.add_argument("--threads", help="regex on the thread name (default: all)")
    p.add_argument("--match", default="fr.mssante", help="prefix of the project's classes")
    p.add_argument("--top", type=int, default=20)
    a = p.parse_args()
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", EVENTS, a.recording],
                         capture_output=True, text=True, check=True).stdout
    threads = re.compile(a.threads) if a.threads else None
    total = collections.defaultdict(lambda: [0, 0.0])
    for e in json.loads(out)["recording"]["events"]:
        v = e["values"]
        name = (v.get("eventThread") or {}).get("javaName") or "?"
        if threads and not threads.search(name):
            continue
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in (v.get("stackTrace") or {}).get("frames", [])]
        ours = next((f for f in frames if f.startswith(a.match)), None)
        if ours is None:
            continue
        blocking = next((f for f in frames if not f.startswith(JDK)), "-")
        key = (e["type"].removeprefix("jdk."), re.sub(r"\d+", "N", name), blocking, re.sub(r"\$\$\$\w+", "", ours))
        total[key][0] += 1
        total[key][1] += millis(v.get("duration"))
    print("| waited (ms) | events | event | threads | blocking frame | project frame |")
    print("|---:|---:|---|---|---|---|")
    for (kind, group, blocking, ours), (n, ms) in sorted(total.items(), key=lambda kv: -kv[1][1])[:a.top]:
        print(f"| {ms:,.0f} | {n} | {kind} | {group} | `{blocking[-80:]}` | `{ours[-80:]}` |")


if __name__ == "__main__":
    main()
