"""Server CPU of mailbench's IMAP observation alone, no mail flowing (BENCHMARKS.md, relay section).

For SECONDS each: 2 probe sessions send NOOP every 10 ms (mailbench's --probe-interval default), then
2 pollers sweep STATUS over the other mailboxes every 50 ms (--poll-interval); prints the server
process trees' CPU (as mailbench counts it) per second and per command, and the idle level first.

  python3 imap-observation-cost.py HOST IMAP_PORT USERS_FILE CAFILE|"" ROOT_PIDS SECONDS
  # B of the relay bench:  127.0.0.1 11143 platform-rcpts.txt platform/.run/tls/ca.pem "$WILDFLY_B,$POSTGRES_B" 15
  # the anchor's Dovecot:  127.0.0.1 2143 anchor-rcpts.txt "" "$DOVECOT_MASTER" 15
"""
import imaplib, ssl, sys, threading, time, os, json
host, port, users_file, cafile, pids, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] or None, sys.argv[5], float(sys.argv[6])
tck = os.sysconf("SC_CLK_TCK")
def tree_cpu(roots):
    table = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try: data = open(f"/proc/{d}/stat").read()
            except OSError: continue
            rest = data[data.rindex(")") + 2:].split(); table[int(d)] = (int(rest[1]), sum(int(x) for x in rest[11:15]))
    ch = {}
    for p, (pp, _) in table.items(): ch.setdefault(pp, []).append(p)
    seen, st = set(), [r for r in roots if r in table]
    while st:
        p = st.pop()
        if p not in seen: seen.add(p); st.extend(ch.get(p, []))
    return sum(table[p][1] for p in seen) / tck
ctx = ssl.create_default_context(cafile=cafile) if cafile else ssl._create_unverified_context()
users = [l.strip().rsplit(":", 1) for l in open(users_file) if l.strip()]
def login(u, p):
    m = imaplib.IMAP4(host, port); m.starttls(ssl_context=ctx); m.login(u, p); return m
roots = [int(x) for x in pids.split(",")]
probes = [login(*u) for u in users[-2:]]
for m in probes: m.select("INBOX")
status_conns = [login(*u) for u in users[:-2]]
def run(kind):
    stop = time.time() + seconds; n = [0]
    def probe(m):
        while time.time() < stop:
            t = time.time(); m.noop(); n[0] += 1; time.sleep(max(0, 0.01 - (time.time() - t)))
    def sweep(part):
        while time.time() < stop:
            for m in part: m.status("INBOX", "(MESSAGES)"); n[0] += 1
            time.sleep(0.05)
    ths = [threading.Thread(target=probe, args=(m,)) for m in probes] if kind == "noop" else \
          [threading.Thread(target=sweep, args=(status_conns[j::2],)) for j in range(2)]
    c0, t0 = tree_cpu(roots), time.time()
    for t in ths: t.start()
    for t in ths: t.join()
    c1, t1 = tree_cpu(roots), time.time()
    return {"kind": kind, "commands_per_s": round(n[0] / (t1 - t0), 1), "server_cores": round((c1 - c0) / (t1 - t0), 3),
            "server_ms_per_command": round((c1 - c0) * 1000 / max(1, n[0]), 3)}
idle0, ti = tree_cpu(roots), time.time(); time.sleep(5); idle = (tree_cpu(roots) - idle0) / (time.time() - ti)
print(json.dumps({"idle_server_cores": round(idle, 3), "runs": [run("noop"), run("status")]}))
