#!/usr/bin/env python3
"""imapmixed.py -- a mixed IMAP load: C long-lived clients on M mailboxes (Python 3 stdlib only).

The "mixed IMAP load" row of issue 11: 10 clients on 10 mailboxes doing what a mail client does all day,
measured in commands/s. Each client owns mailbox (client number mod M), logs in, SELECTs INBOX, then
repeats one operation drawn at random with these weights (a command is one tagged IMAP command):

    FETCH a:b (UID FLAGS ENVELOPE)    25   a window of up to 10 messages (a list refresh)
    FETCH n (BODY.PEEK[])             20   open one message
    STORE n +/-FLAGS (\\Seen|\\Flagged) 15   mark read / unread / flagged
    APPEND INBOX (\\Seen) {message}    10   a sent copy or a draft (--size bytes, mailbench's message)
    STORE n +FLAGS (\\Deleted), EXPUNGE 10  delete one message (2 commands)
    SEARCH UNSEEN                      5
    NOOP                               5   a client's poll
    SELECT INBOX                       5   re-open the folder
    LOGOUT, LOGIN, SELECT INBOX        5   login churn: a new connection (+STARTTLS) and login (3 commands)

APPEND and delete have equal weights, so mailboxes keep about their size over a run (deletes are
skipped on a mailbox with one message left). The random stream of each client depends only on --seed and
its number, so two servers given the same mailboxes get the same command sequence.

Bounded by --count (commands in total, plus each client's final LOGOUT) and --max-seconds. Output: one JSON record like mailbench.py's
(kind "imapmixed"; commands/s, latency p50/p99 overall and per operation, errors, CPU accounting with
--server-pids / --server-match), printed and appended to --json-out. The helpers (users file, TLS, CPU
accounting, idle wait, message builder, output) are mailbench.py's, imported from beside this file.
"""
import argparse
import imaplib
import multiprocessing as mp
import os
import random
import resource
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mailbench as mb  # noqa: E402  (beside this file; no package)

OPERATIONS = [  # (name, weight)
    ("FETCH_LIST", 25), ("FETCH_BODY", 20), ("STORE_FLAGS", 15), ("APPEND", 10), ("DELETE", 10),
    ("SEARCH", 5), ("NOOP", 5), ("SELECT", 5), ("RELOGIN", 5),
]
FLAG_CHANGES = [("+FLAGS", "(\\Seen)"), ("-FLAGS", "(\\Seen)"), ("+FLAGS", "(\\Flagged)"), ("-FLAGS", "(\\Flagged)")]


class CommandFailed(Exception):
    pass


class Client:
    """One mail client on one mailbox; tracks the mailbox's message count from the server's responses."""

    def __init__(self, args, ctx, address, password, lat):
        self.args, self.ctx, self.address, self.password, self.lat = args, ctx, address, password, lat
        self.conn = None
        self.exists = 0
        self.commands = 0
        self.logins = 0

    def timed(self, name, fn, *a):
        t = time.perf_counter()
        try:
            typ, data = fn(*a)
        finally:
            self.lat.append((name, time.perf_counter() - t))
            self.commands += 1
        if typ != "OK":
            raise CommandFailed(f"{name}: {typ} {data!r}"[:200])
        self.track()
        return data

    def track(self):
        """Apply the untagged EXPUNGE / EXISTS responses the last command brought (RFC 3501 §7.3.1, §7.4.1)."""
        _, expunged = self.conn.response("EXPUNGE")
        _, exists = self.conn.response("EXISTS")
        self.conn.response("RECENT")  # not used; popped so a long session does not accumulate them
        exists = [x for x in exists if x is not None]
        if exists:
            self.exists = int(exists[-1])
        else:
            self.exists -= len([x for x in expunged if x is not None])

    def open(self):
        t = time.perf_counter()
        self.conn = imaplib.IMAP4(self.args.host, self.args.imap_port, timeout=120)
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.args.imap_starttls:
            self.conn.starttls(ssl_context=self.ctx)
        self.lat.append(("CONNECT", time.perf_counter() - t))
        self.timed("LOGIN", self.conn.login, self.address, self.password)
        self.logins += 1
        self.select()

    def select(self):
        data = self.timed("SELECT", self.conn.select, "INBOX")
        self.exists = int(data[0])

    def close(self):
        if self.conn is not None:
            try:
                self.timed("LOGOUT", self.conn.logout)
            except Exception:  # noqa: BLE001  (a LOGOUT answered BYE only is fine)
                pass
            self.conn = None

    def abort(self):
        if self.conn is not None:
            try:
                self.conn.shutdown()
            except Exception:  # noqa: BLE001
                pass
            self.conn = None


def run_operation(client, op, rnd, message):
    """Runs one drawn operation (1 to 3 commands; a client with an empty mailbox APPENDs instead)."""
    c = client.conn
    n = client.exists
    if op in ("FETCH_LIST", "FETCH_BODY", "STORE_FLAGS", "DELETE") and n == 0:
        op = "APPEND"  # nothing to read yet
    if op == "DELETE" and n <= 1:
        op = "APPEND"
    if op == "FETCH_LIST":
        first = rnd.randint(1, n)
        client.timed(op, c.fetch, f"{first}:{min(n, first + 9)}", "(UID FLAGS ENVELOPE)")
    elif op == "FETCH_BODY":
        client.timed(op, c.fetch, str(rnd.randint(1, n)), "(BODY.PEEK[])")
    elif op == "STORE_FLAGS":
        how, flags = rnd.choice(FLAG_CHANGES)
        client.timed(op, c.store, str(rnd.randint(1, n)), how, flags)
    elif op == "APPEND":
        client.timed(op, c.append, "INBOX", "(\\Seen)", None, message(rnd))
        if not client.exists > n:  # a server may announce the new message only at the next command
            client.exists = n + 1
    elif op == "DELETE":
        client.timed("STORE_DELETED", c.store, str(rnd.randint(1, n)), "+FLAGS", "(\\Deleted)")
        before = client.exists
        expunged = client.timed("EXPUNGE", c.expunge)  # imaplib hands the EXPUNGE responses to the caller
        if client.exists == before:  # no EXISTS came with them: each EXPUNGE response removed one message
            client.exists -= len([x for x in expunged if x is not None])
    elif op == "SEARCH":
        client.timed(op, c.search, None, "UNSEEN")
    elif op == "NOOP":
        client.timed(op, c.noop)
    elif op == "SELECT":
        client.select()
    elif op == "RELOGIN":
        client.close()
        client.open()


def worker_proc(wid_base, nthreads, args, users, counter, go, q):
    ctx = mb.tls_context(args)
    ctype, body = mb.make_body(args.size, 0.75)
    out = {"lat": [], "commands": 0, "logins": 0, "errors": [], "exists_end": []}
    lock = threading.Lock()
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    go.wait()
    deadline = time.monotonic() + args.max_seconds
    names = [o for o, _ in OPERATIONS]
    weights = [w for _, w in OPERATIONS]

    def reserve(k):
        """Takes k commands from the shared --count budget; False when it is spent."""
        with counter.get_lock():
            if counter.value + k > args.count:
                counter.value = args.count
                return False
            counter.value += k
            return True

    def one_thread(wid):
        rnd = random.Random(args.seed * 7919 + wid)
        address, password = users[wid % args.mailboxes]
        sender = users[(wid + 1) % args.mailboxes][0]
        seq = [0]

        def message(r):
            seq[0] += 1
            raw = mb.make_message(seq[0], f"mixed{args.seed}w{wid}", sender, [address], ctype, body, time.time(),
                                  args.domain)
            return raw[:-3]  # mailbench's message ends with SMTP's "." line

        lat, errs = [], []
        client = Client(args, ctx, address, password, lat)
        while time.monotonic() < deadline and reserve(3):  # login + select (+ the CONNECT, not counted)
            try:
                client.open()
                break
            except Exception as e:  # noqa: BLE001
                errs.append(f"open: {type(e).__name__}: {e}"[:200])
                client.abort()
        while client.conn is not None and time.monotonic() < deadline:
            op = rnd.choices(names, weights)[0]
            if not reserve(3 if op == "RELOGIN" else 2 if op == "DELETE" else 1):
                break
            try:
                run_operation(client, op, rnd, message)
            except Exception as e:  # noqa: BLE001  (counted, then a fresh session like a real client)
                errs.append(f"{op}: {type(e).__name__}: {e}"[:200])
                client.abort()
                if len(errs) > 50:
                    break
                try:
                    client.open()
                except Exception as e2:  # noqa: BLE001
                    errs.append(f"reopen: {type(e2).__name__}: {e2}"[:200])
                    client.abort()
        exists_end = client.exists
        client.close()
        with lock:
            out["lat"].extend(lat)
            out["commands"] += client.commands
            out["logins"] += client.logins
            out["errors"].extend(errs)
            out["exists_end"].append(exists_end)

    threads = [threading.Thread(target=one_thread, args=(wid_base + i,)) for i in range(nthreads)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out["t0"], out["t1"] = t0, time.time()
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu"] = (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime)
    q.put(out)


def cmd_mixed(args):
    users = mb.load_users(args)
    if args.mailboxes > len(users):
        sys.exit(f"--mailboxes {args.mailboxes} but only {len(users)} users")
    mpc = mp.get_context("fork")
    counter = mpc.Value("l", 0)
    go = mpc.Event()
    q = mpc.Queue()
    procs, wid = [], 0
    for nt in mb.split_workers(args.concurrency, args.procs):
        p = mpc.Process(target=worker_proc, args=(wid, nt, args, users, counter, go, q))
        p.start()
        procs.append(p)
        wid += nt
    cpu = mb.CpuProbe([int(x) for x in args.server_pids.split(",")] if args.server_pids else None, args.server_match)
    idle_before = mb.wait_quiet(args) if args.wait_quiet else None
    s0 = cpu.snap()
    go.set()
    parts = [q.get(timeout=args.max_seconds + 300) for _ in procs]
    for p in procs:
        p.join()
    s1 = cpu.snap()
    span = max(p["t1"] for p in parts) - min(p["t0"] for p in parts)
    lat = [x for p in parts for x in p["lat"]]
    cmd_lat = [s for name, s in lat if name != "CONNECT"]
    commands = sum(p["commands"] for p in parts)
    errors = [e for p in parts for e in p["errors"]]
    per_cmd = {}
    for name in sorted({nm for nm, _ in lat}):
        v = [s for nm, s in lat if nm == name]
        per_cmd[name] = {"n": len(v), "p50_ms": mb.ms(mb.pct(v, 50)), "p99_ms": mb.ms(mb.pct(v, 99))}
    out = {
        "clients": args.concurrency, "mailboxes": args.mailboxes,
        "commands": commands, "commands_err": len(errors), "logins": sum(p["logins"] for p in parts),
        "span_s": round(span, 3),
        "commands_per_s": round(commands / span, 1) if span > 0 else None,
        "cmd_p50_ms": mb.ms(mb.pct(cmd_lat, 50)), "cmd_p99_ms": mb.ms(mb.pct(cmd_lat, 99)),
        "per_command": per_cmd,
        "mailbox_messages_end": sorted(x for p in parts for x in p["exists_end"]),
        "errors_sample": sorted(set(errors))[:5],
        "busy_cores_before": idle_before,
        "cpu": mb.CpuProbe.diff(s0, s1, sum(p["cpu"] for p in parts)),
    }
    if commands:
        out["server_cpu_ms_per_command"] = round(out["cpu"]["server_cpu_s"] * 1000 / commands, 3)
    return mb.finish(args, "imapmixed", out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_argument_group("target")
    g.add_argument("--host", default="127.0.0.1")
    g.add_argument("--imap-port", type=int, default=2143)
    g.add_argument("--domain", default="hopital-test.mssante.fr")
    g.add_argument("--users-file", help="lines 'address:password'; the first --mailboxes are used")
    g.add_argument("--user-count", type=int, default=200, help="without --users-file: userNNN accounts")
    g.add_argument("--user-format", default="user{:03d}")
    g.add_argument("--password", help="same password for all generated users")
    g.add_argument("--password-format", default="Pw-{local}", help="per-user password pattern")
    g.add_argument("--imap-starttls", action="store_true", help="STARTTLS on every connection")
    g.add_argument("--cafile", help="verify server certificates with this CA (default: no verification)")
    g.add_argument("--tls-max", choices=["1.2", "1.3"], default="1.3", help="highest TLS version offered")
    g.add_argument("--allow-non-loopback", action="store_true", help="permit a non-127/8 target (off by default)")
    g = ap.add_argument_group("run")
    g.add_argument("-c", "--concurrency", type=int, default=10, help="clients (client k uses mailbox k mod M)")
    g.add_argument("--mailboxes", type=int, default=10, help="M: the first M users of the list")
    g.add_argument("-n", "--count", type=int, default=20000, help="commands in total (upper bound)")
    g.add_argument("--max-seconds", type=float, default=60, help="hard bound on the load phase")
    g.add_argument("--size", type=int, default=20000, help="approximate size of an APPENDed message")
    g.add_argument("--procs", type=int, default=os.cpu_count() or 1, help="client processes (threads split among them)")
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--label", default="")
    g.add_argument("--json-out", help="append one JSON record per run to this file")
    g.add_argument("--server-pids", help="comma-separated root PIDs of the server (descendants included) for CPU accounting")
    g.add_argument("--server-match", help="regex on /proc/PID/exe selecting server processes for CPU accounting")
    g.add_argument("--wait-quiet", type=float, default=0,
                   help="before the load phase, wait up to this many seconds for the machine to be idle")
    g.add_argument("--quiet-cores", type=float, default=0.3, help="'idle' = fewer busy cores than this")
    g.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    mb.check_loopback(args.host, args.allow_non_loopback)
    if args.concurrency < 1 or args.mailboxes < 1:
        ap.error("--concurrency and --mailboxes must be >= 1")
    return cmd_mixed(args)


if __name__ == "__main__":
    sys.exit(main())
