#!/usr/bin/env python3
"""mailbench.py -- target-agnostic SMTP / IMAP load generator (Python 3 stdlib only).

Sub-commands
  smtp       send N messages over C concurrent SMTP connections and (unless --no-e2e)
             measure end-to-end delivery until every message is visible over IMAP,
             plus per-message delivery latency on a sample of probe messages.
  imap       C concurrent IMAP sessions, each: LOGIN, SELECT INBOX,
             FETCH 1:* (FLAGS ENVELOPE BODYSTRUCTURE), 20 x FETCH n BODY.PEEK[],
             STORE <those> +FLAGS (\\Seen), SEARCH UNSEEN, LOGOUT.
  summarize  median-of-runs table (markdown) from the JSON-lines results file.

Every target detail (host, ports, domain, users, passwords, TLS) comes from flags, so the
same script drives the Postfix+Dovecot anchor and any other server. Only loopback targets
are accepted unless --allow-non-loopback is given. All loops are bounded in count and time.
Run `mailbench.py <cmd> -h` for the flags.

This is a copy of ../shared/bench/mailbench.py with two additions. The first, for relay benchmarks where the
senders live on one server and the recipients on another: `smtp --sender-users-file FILE` draws each
message's sender (and its AUTH credentials with --smtp-auth) from FILE instead of from the recipient
list; --users-file, --domain, --imap-port and the end-to-end checks keep meaning the recipients'
side. Without the option it behaves exactly like the original.

And one fix: with --smtp-auth, a message sent on an already authenticated connection now uses the
connection's authenticated user as its sender (the original took the planned sender, so messages 2..10
of a connection went out as someone else and a submission server enforcing sender = login refused them
with 553 5.7.1). The planned sender still picks who authenticates when a connection opens.

A second addition (2026-12-04, for docs/bench/perf-table.sh): `smtp --client-cert FILE --client-key FILE`
presents a TLS client certificate after SMTP STARTTLS (only there, not on IMAP), so the harness can send
to an MSSante MX as another operator of the trust space (ADR 0017). A server that does not ask for a
certificate (the anchor's Postfix) never sees it.
"""
import argparse
import base64
import concurrent.futures as cf
import email.utils
import imaplib
import ipaddress
import json
import multiprocessing as mp
import os
import random
import re
import resource
import select
import smtplib
import socket
import ssl
import statistics
import sys
import threading
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")

# --------------------------------------------------------------------------- helpers


def pct(values, p):
    """Nearest-rank percentile (p in 0..100) of a list; None when empty."""
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def ms(x):
    return None if x is None else round(x * 1000.0, 2)


def tls_context(args):
    ctx = ssl.create_default_context(cafile=args.cafile) if args.cafile else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if not args.cafile:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if args.tls_max == "1.2":
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def check_loopback(host, allow):
    infos = socket.getaddrinfo(host, None)
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_loopback and not allow:
            sys.exit(f"refusing non-loopback target {host} ({ip}); pass --allow-non-loopback to override")


def system_busy_cores(window=1.0):
    def rd():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v[:8]), v[3] + v[4]
    t0, i0 = rd()
    time.sleep(window)
    t1, i1 = rd()
    return ((t1 - t0) - (i1 - i0)) / max(1, t1 - t0) * (os.cpu_count() or 1)


def wait_quiet(args):
    """Wait (bounded by --wait-quiet seconds) until the machine is nearly idle; return last busy level."""
    busy = system_busy_cores()
    deadline = time.monotonic() + args.wait_quiet
    while busy > args.quiet_cores and time.monotonic() < deadline:
        busy = system_busy_cores()
    return round(busy, 3)


def load_users(args, path=None):
    """Return list of (address, password), from `path` if given, else from --users-file or the generator flags."""
    users = []
    path = path or args.users_file
    if path:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                addr, _, pw = line.partition(":")
                if "@" not in addr:
                    addr = f"{addr}@{args.domain}"
                users.append((addr, pw or args.password))
    else:
        for i in range(1, args.user_count + 1):
            local = args.user_format.format(i)
            pw = args.password if args.password is not None else args.password_format.format(local=local, i=i)
            users.append((f"{local}@{args.domain}", pw))
    if not users:
        sys.exit("no users")
    return users


# ----------------------------------------------------------------- CPU accounting


def _proc_stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            data = f.read()
    except OSError:
        return None
    rest = data[data.rindex(")") + 2:].split()
    # rest[0] = state (field 3); ppid=field 4 -> rest[1]; utime=14 -> rest[11] ... cstime=17 -> rest[14]
    return int(rest[1]), sum(int(x) for x in rest[11:15])


def _pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class CpuProbe:
    """Snapshots of system-wide CPU and of the server processes (by root pids or exe regex)."""

    def __init__(self, root_pids=None, match=None):
        self.root_pids = set(root_pids or [])
        self.match = re.compile(match) if match else None

    def _server_pids(self, table):
        if self.root_pids:
            children = {}
            for pid, (ppid, _) in table.items():
                children.setdefault(ppid, []).append(pid)
            out, stack = set(), [p for p in self.root_pids if p in table]
            while stack:
                p = stack.pop()
                if p not in out:
                    out.add(p)
                    stack.extend(children.get(p, []))
            return out
        if self.match:
            out = set()
            for pid in table:
                try:
                    exe = os.readlink(f"/proc/{pid}/exe")
                except OSError:
                    exe = ""
                if self.match.search(exe):
                    out.add(pid)
            return out
        return set()

    def snap(self):
        with open("/proc/stat") as f:
            cpu = [int(x) for x in f.readline().split()[1:]]
        idle = cpu[3] + cpu[4]
        total = sum(cpu[:8])
        server_ticks = server_rss = nproc = 0
        if self.root_pids or self.match:
            table = {}
            for d in os.listdir("/proc"):
                if d.isdigit():
                    st = _proc_stat(int(d))
                    if st:
                        table[int(d)] = st
            for pid in self._server_pids(table):
                server_ticks += table[pid][1]
                server_rss += _pss(pid)
                nproc += 1
        ru = resource.getrusage(resource.RUSAGE_SELF)
        return {"t": time.time(), "sys_total": total, "sys_idle": idle, "server_ticks": server_ticks,
                "server_rss": server_rss, "server_nproc": nproc, "self_cpu": ru.ru_utime + ru.ru_stime}

    @staticmethod
    def diff(a, b, extra_client_cpu=0.0):
        wall = b["t"] - a["t"]
        tot = b["sys_total"] - a["sys_total"]
        busy = tot - (b["sys_idle"] - a["sys_idle"])
        ncpu = os.cpu_count() or 1
        sys_busy_cores = (busy / tot * ncpu) if tot else 0.0
        server = (b["server_ticks"] - a["server_ticks"]) / CLK_TCK
        client = (b["self_cpu"] - a["self_cpu"]) + extra_client_cpu
        return {"wall_s": round(wall, 3),
                "system_busy_cores": round(sys_busy_cores, 3),
                "server_cpu_s": round(server, 2),
                "server_cores": round(server / wall, 3) if wall > 0 else None,
                "client_cpu_s": round(client, 2),
                "client_cores": round(client / wall, 3) if wall > 0 else None,
                "other_cores": round(max(0.0, sys_busy_cores - (server + client) / wall), 3) if wall > 0 else None,
                "server_pss_mb_end": round(b["server_rss"] / 1048576, 1),
                "server_nproc_end": b["server_nproc"]}


# ------------------------------------------------------------------ message build

_TEXT_LINE = "Compte rendu de consultation - patient fictif - donnees de test uniquement. Lorem ipsum dolor sit amet.\r\n"


def make_body(size, attach_ratio, seed=42):
    """Multipart body (after headers) of roughly `size` bytes, already dot-safe, CRLF line ends."""
    rnd = random.Random(seed)
    boundary = "=_mailbench_boundary_0123456789"
    text_len = max(200, int(size * (1 - attach_ratio)))
    text = (_TEXT_LINE * (text_len // len(_TEXT_LINE) + 1))[:text_len]
    text = text[: text.rfind("\r\n") + 2]
    b64_len = max(0, size - len(text) - 600)
    raw_len = b64_len * 3 // 4 * 76 // 78
    raw = rnd.randbytes(raw_len)
    b64 = base64.encodebytes(raw).decode().replace("\n", "\r\n")
    body = (f"This is a multi-part message in MIME format.\r\n\r\n--{boundary}\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{text}\r\n"
            f"--{boundary}\r\nContent-Type: application/pdf; name=\"cr-consultation.pdf\"\r\n"
            f"Content-Disposition: attachment; filename=\"cr-consultation.pdf\"\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n{b64}\r\n--{boundary}--\r\n")
    ctype = f'multipart/mixed; boundary="{boundary}"'
    data = body.encode()
    assert b"\r\n." not in data
    return ctype, data


def make_message(seq, run_id, sender, rcpts, ctype, body, t_sent, domain):
    hdr = (f"From: <{sender}>\r\nTo: {', '.join('<%s>' % r for r in rcpts)}\r\n"
           f"Subject: mailbench {run_id} #{seq}\r\nDate: {email.utils.formatdate(t_sent, localtime=False)}\r\n"
           f"Message-ID: <{run_id}.{seq}@mailbench.{domain}>\r\nMIME-Version: 1.0\r\nContent-Type: {ctype}\r\n"
           f"X-Bench-Run: {run_id}\r\nX-Bench-Seq: {seq}\r\nX-Bench-Sent: {t_sent:.6f}\r\n\r\n")
    return hdr.encode() + body + b".\r\n"


# --------------------------------------------------------------------- raw IMAP


class RawImap:
    """Tiny IMAP client used for the latency probes (NOOP polling or IDLE with select timeouts)."""

    EXISTS = re.compile(rb"^\* (\d+) EXISTS")

    def __init__(self, host, port, starttls, ctx, timeout=30):
        self.host = host
        self.sock = socket.create_connection((host, port), timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.n = 0
        self.readline()
        if starttls:
            self.command("STARTTLS")
            self.sock = ctx.wrap_socket(self.sock, server_hostname=host)
            self.buf = b""

    def readline(self, deadline=None):
        while b"\r\n" not in self.buf:
            if deadline is not None:
                pending = isinstance(self.sock, ssl.SSLSocket) and self.sock.pending()
                if not pending:
                    rem = deadline - time.monotonic()
                    if rem <= 0 or not select.select([self.sock], [], [], rem)[0]:
                        return None
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("server closed connection")
            self.buf += data
        line, self.buf = self.buf.split(b"\r\n", 1)
        m = re.search(rb"\{(\d+)\}$", line)
        if m:  # literal: swallow it (probes never need literal contents)
            need = int(m.group(1))
            while len(self.buf) < need:
                self.buf += self.sock.recv(65536)
            self.buf = self.buf[need:]
            rest = self.readline()
            line = line + b"<literal>" + (rest or b"")
        return line

    def send(self, text):
        self.n += 1
        tag = f"P{self.n}"
        self.sock.sendall(f"{tag} {text}\r\n".encode())
        return tag

    def command(self, text):
        tag = self.send(text)
        lines = []
        while True:
            line = self.readline()
            if line.startswith(tag.encode() + b" "):
                if not line.split()[1] == b"OK":
                    raise RuntimeError(f"{text.split()[0]} failed: {line!r}")
                return lines
            lines.append(line)

    @staticmethod
    def quote(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def exists_in(self, lines):
        n = None
        for line in lines:
            m = self.EXISTS.match(line)
            if m:
                n = int(m.group(1))
        return n


def probe_thread(args, ctx, addr, pw, state, stop, target):
    """Watch one probe mailbox; record (time, EXISTS) whenever the count grows."""
    c = RawImap(args.host, args.imap_port, args.imap_starttls, ctx)
    c.command(f"LOGIN {c.quote(addr)} {c.quote(pw)}")
    caps = b" ".join(c.command("CAPABILITY")).upper()
    exists = c.exists_in(c.command("SELECT INBOX")) or 0
    state["base"] = exists
    state["events"] = []
    state["ready"].set()
    use_idle = args.latency_mode == "idle" and b"IDLE" in caps
    hard_end = time.monotonic() + args.max_seconds + args.e2e_timeout + 60
    while not stop.is_set() and time.monotonic() < hard_end:
        if use_idle:
            tag = c.send("IDLE")
            c.readline()  # "+ idling"
            t_end = time.monotonic() + 25 * 60
            while time.monotonic() < t_end and not stop.is_set():
                line = c.readline(deadline=time.monotonic() + 0.2)
                if line is None:
                    continue
                m = c.EXISTS.match(line)
                if m and int(m.group(1)) > exists:
                    exists = int(m.group(1))
                    state["events"].append((time.time(), exists))
            c.sock.sendall(b"DONE\r\n")
            while True:
                line = c.readline()
                if line.startswith(tag.encode()):
                    break
        else:
            t_next = time.monotonic() + args.probe_interval
            n = c.exists_in(c.command("NOOP"))
            if n is not None and n > exists:
                exists = n
                state["events"].append((time.time(), exists))
            if exists >= state["base"] + target and state.get("done_at") is None:
                state["done_at"] = time.time()
            delay = t_next - time.monotonic()
            if delay > 0:
                stop.wait(delay)
    try:
        c.command("LOGOUT")
    except Exception:
        pass
    c.sock.close()


def imap_login(args, ctx, addr, pw):
    c = imaplib.IMAP4(args.host, args.imap_port, timeout=60)
    if args.imap_starttls:
        c.starttls(ssl_context=ctx)
    c.login(addr, pw)
    return c


def status_count(conn):
    typ, data = conn.status("INBOX", "(MESSAGES)")
    if typ != "OK":
        raise RuntimeError(f"STATUS failed {data!r}")
    return int(re.search(rb"MESSAGES (\d+)", data[0]).group(1))


# ------------------------------------------------------------------ SMTP workers


def smtp_worker_proc(wid_base, nthreads, args, plan, run_id, body_ctype, body, counter, go, t_go, q):
    """Runs in a child process: nthreads sender threads pulling sequence numbers from `counter`."""
    ctx = tls_context(args)
    if args.client_cert:  # an operator's certificate for an MX that checks its peers
        ctx.load_cert_chain(args.client_cert, args.client_key)
    results = []
    lock = threading.Lock()
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    go.wait()
    deadline = time.monotonic() + args.max_seconds

    def next_seq():
        with counter.get_lock():
            s = counter.value
            if s >= len(plan):
                return None
            counter.value = s + 1
            return s

    def one_thread(wid):
        local = []
        conn = None
        on_conn = 0
        rnd = random.Random(args.seed * 1000 + wid)
        conn_sender_i = None  # with --smtp-auth: the user this connection authenticated as
        while time.monotonic() < deadline:
            seq = next_seq()
            if seq is None:
                break
            if args.rate:  # open-loop pacing: message `seq` is due at t_go + seq/rate
                delay = t_go.value + seq / args.rate - time.time()
                if delay > 0:
                    time.sleep(delay)
            sender_i, rcpts = plan[seq]
            if args.smtp_auth and conn is not None:
                sender_i = conn_sender_i  # a submission server lets a login send as itself only
            sender = args._senders[sender_i][0]
            rec = {"seq": seq, "ok": False, "rcpt_ok": 0}
            try:
                if conn is None:
                    tc = time.time()
                    conn = smtplib.SMTP(args.host, args.smtp_port, local_hostname=args.helo, timeout=120)
                    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    conn.ehlo()
                    if args.starttls:
                        conn.starttls(context=ctx)
                        conn.ehlo()
                    if args.smtp_auth:
                        conn.login(sender, args._senders[sender_i][1])
                        conn_sender_i = sender_i
                    rec["connect_s"] = time.time() - tc
                    on_conn = 0
                t0 = time.time()
                payload = make_message(seq, run_id, sender, rcpts, body_ctype, body, t0, args.domain)
                code, resp = conn.mail(sender)
                if code != 250:
                    raise smtplib.SMTPResponseException(code, resp)
                for r in rcpts:
                    code, resp = conn.rcpt(r)
                    if code in (250, 251):
                        rec["rcpt_ok"] += 1
                if rec["rcpt_ok"] == 0:
                    conn.rset()
                    raise smtplib.SMTPResponseException(code, resp)
                code, resp = conn.docmd("DATA")
                if code != 354:
                    raise smtplib.SMTPResponseException(code, resp)
                conn.send(payload)
                code, resp = conn.getreply()
                t1 = time.time()
                if code != 250:
                    raise smtplib.SMTPResponseException(code, resp)
                rec.update(ok=True, t0=t0, t1=t1, bytes=len(payload))
                on_conn += 1
                if args.msgs_per_conn and on_conn >= args.msgs_per_conn:
                    try:
                        conn.quit()
                    except Exception:
                        pass
                    conn = None
            except Exception as e:  # noqa: BLE001 - count and continue
                rec["err"] = f"{type(e).__name__}: {e}"[:200]
                try:
                    if conn is not None:
                        conn.close()
                except Exception:
                    pass
                conn = None
            local.append(rec)
        if conn is not None:
            try:
                conn.quit()
            except Exception:
                pass
        with lock:
            results.extend(local)

    threads = [threading.Thread(target=one_thread, args=(wid_base + i,)) for i in range(nthreads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime)
    q.put((results, cpu))


def split_workers(c, procs):
    procs = max(1, min(procs, c))
    return [c // procs + (1 if i < c % procs else 0) for i in range(procs)]


def cmd_smtp(args):
    users = load_users(args)
    args._users = users
    # Senders: a separate list (another server's mailboxes, for relay runs) or the recipients' list.
    args._senders = load_users(args, args.sender_users_file) if args.sender_users_file else users
    ctx = tls_context(args)
    rnd = random.Random(args.seed)
    run_id = f"r{int(time.time())}-{os.getpid()}"
    probes = users[-args.probe_users:] if (not args.no_e2e and args.probe_users > 0) else []
    pool = list(range(len(users) - len(probes)))
    n = args.count
    nsamp = min(args.latency_samples, max(1, n // 5)) if probes else 0
    probe_seqs = {}
    if nsamp:
        step = n / nsamp
        for i in range(nsamp):
            probe_seqs[int(i * step + step / 2)] = i % len(probes)
    plan, expected = [], {}
    probe_expected = [0] * len(probes)
    nrcpt_total = 0
    for seq in range(n):
        sender_i = rnd.randrange(len(args._senders)) if args.sender_users_file else rnd.choice(pool)
        if seq in probe_seqs:
            k = probe_seqs[seq]
            rcpts = [probes[k][0]]
            probe_expected[k] += 1
        else:
            idx = rnd.sample(pool, rnd.randint(args.min_rcpt, args.max_rcpt))
            rcpts = [users[i][0] for i in idx]
            for i in idx:
                expected[i] = expected.get(i, 0) + 1
        nrcpt_total += len(rcpts)
        plan.append((sender_i, rcpts))
    ctype, body = make_body(args.size, args.attach_ratio, seed=args.seed)

    # Start sender processes first (before any thread exists in this process), parked on `go`.
    mpc = mp.get_context("fork")
    counter = mpc.Value("l", 0)
    go = mpc.Event()
    t_go = mpc.Value("d", 0.0)
    q = mpc.Queue()
    procs = []
    wid = 0
    for nt in split_workers(args.concurrency, args.procs):
        p = mpc.Process(target=smtp_worker_proc, args=(wid, nt, args, plan, run_id, ctype, body, counter, go, t_go, q))
        p.start()
        procs.append(p)
        wid += nt

    # e2e trackers: one persistent IMAP session per recipient mailbox + latency probes
    conns, base = {}, {}
    stop = threading.Event()
    probe_states, probe_threads = [], []
    if not args.no_e2e:
        def open_one(i):
            c = imap_login(args, ctx, *users[i])
            return i, c, status_count(c)
        with cf.ThreadPoolExecutor(16) as ex:
            for i, c, cnt in ex.map(open_one, sorted(expected)):
                conns[i], base[i] = c, cnt
        for k, (addr, pw) in enumerate(probes):
            st = {"ready": threading.Event()}
            th = threading.Thread(target=probe_thread, args=(args, ctx, addr, pw, st, stop, probe_expected[k]), daemon=True)
            th.start()
            probe_states.append(st)
            probe_threads.append(th)
        for st in probe_states:
            if not st["ready"].wait(60):
                sys.exit("probe mailbox did not become ready")

    cpu = CpuProbe([int(x) for x in args.server_pids.split(",")] if args.server_pids else None, args.server_match)
    idle_before = wait_quiet(args) if args.wait_quiet else None
    s0 = cpu.snap()
    t_start = time.time()
    t_go.value = t_start + 0.05
    go.set()
    results, client_cpu = [], 0.0
    for _ in procs:
        r, c_cpu = q.get(timeout=args.max_seconds + 300)
        results.extend(r)
        client_cpu += c_cpu
    for p in procs:
        p.join()
    t_send_end = time.time()
    s1 = cpu.snap()

    ok = [r for r in results if r["ok"]]
    errs = [r for r in results if not r["ok"]]
    first_send = min((r["t0"] for r in ok), default=t_start)
    last_accept = max((r["t1"] for r in ok), default=t_send_end)
    txn = [r["t1"] - r["t0"] for r in ok]
    conn_t = [r["connect_s"] for r in results if "connect_s" in r]
    send_span = last_accept - first_send
    out = {
        "sent_ok": len(ok), "sent_err": len(errs), "rcpts_accepted": sum(r["rcpt_ok"] for r in ok),
        "bytes_sent": sum(r.get("bytes", 0) for r in ok),
        "send_span_s": round(send_span, 3),
        "smtp_msgs_per_s": round(len(ok) / send_span, 2) if send_span > 0 else None,
        "smtp_txn_p50_ms": ms(pct(txn, 50)), "smtp_txn_p99_ms": ms(pct(txn, 99)),
        "smtp_connect_p50_ms": ms(pct(conn_t, 50)), "smtp_connect_p99_ms": ms(pct(conn_t, 99)),
        "errors_sample": sorted({r["err"] for r in errs})[:5],
        "busy_cores_before": idle_before,
        "cpu_send_phase": CpuProbe.diff(s0, s1, client_cpu),
    }

    if not args.no_e2e:
        ok_seqs = {r["seq"] for r in ok}
        # expected deliveries per mailbox only for messages that were accepted
        exp_ok = {}
        for seq in ok_seqs:
            if seq in probe_seqs:
                continue
            for addr in plan[seq][1]:
                exp_ok[addr] = exp_ok.get(addr, 0) + 1
        addr_idx = {users[i][0]: i for i in conns}
        pending = {addr_idx[a]: base[addr_idx[a]] + cnt for a, cnt in exp_ok.items()}
        done_at = {}
        deadline = time.time() + args.e2e_timeout
        lock = threading.Lock()
        cycles = []

        def poll_part(part):
            part = list(part)
            while part and time.time() < deadline:
                tc = time.time()
                still = []
                for i in part:
                    try:
                        cnt = status_count(conns[i])
                    except Exception:
                        still.append(i)
                        continue
                    if cnt >= pending[i]:
                        with lock:
                            done_at[i] = time.time()
                    else:
                        still.append(i)
                part = still
                with lock:
                    cycles.append(time.time() - tc)
                if part:
                    time.sleep(args.poll_interval)

        # 1) cheap wait: the probe mailboxes (NOOP-polled) receive a message every N/samples sends, so when
        #    the last probe message is visible the backlog is (nearly) drained.
        probe_target = [0] * len(probes)
        for seq in ok_seqs:
            if seq in probe_seqs:
                probe_target[probe_seqs[seq]] += 1
        probe_done = []
        for k, st in enumerate(probe_states):
            need = st["base"] + probe_target[k]
            while time.time() < deadline:
                ev = st["events"]
                if ev and ev[-1][1] >= need:
                    probe_done.append(next(t for t, e in ev if e >= need))
                    break
                if probe_target[k] == 0:
                    break
                time.sleep(0.05)
        # 2) then sweep STATUS over the recipient mailboxes until each has its expected count
        keys = sorted(pending)
        parts = [keys[j::args.pollers] for j in range(args.pollers)]
        with cf.ThreadPoolExecutor(args.pollers) as ex:
            list(ex.map(poll_part, parts))
        stop.set()
        for th in probe_threads:
            th.join(30)
        s2 = cpu.snap()
        missing = {users[i][0]: pending[i] - base[i] for i in pending if i not in done_at}
        all_done = (not missing) and len(probe_done) == sum(1 for t in probe_target if t)
        t_done = max(list(done_at.values()) + probe_done) if (done_at or probe_done) else None
        # latency: map probe message sequence numbers -> first time EXISTS covered them
        lat = []
        for k, st in enumerate(probe_states):
            if probe_target[k] == 0:
                continue
            c = imap_login(args, ctx, *probes[k])
            c.select("INBOX", readonly=True)
            typ, data = c.fetch(f"{st['base'] + 1}:*", "(BODY.PEEK[HEADER.FIELDS (X-BENCH-RUN X-BENCH-SENT)])")
            for item in data:
                if not isinstance(item, tuple):
                    continue
                msn = int(item[0].split()[0])
                hdr = item[1]
                mr = re.search(rb"X-Bench-Run: (\S+)", hdr, re.I)
                mt = re.search(rb"X-Bench-Sent: ([0-9.]+)", hdr, re.I)
                if not (mr and mt) or mr.group(1).decode() != run_id:
                    continue
                seen = next((t for t, e in st["events"] if e >= msn), None)
                if seen is not None:
                    lat.append(seen - float(mt.group(1)))
            c.logout()
        for c in conns.values():
            try:
                c.logout()
            except Exception:
                pass
        e2e_span = (t_done - first_send) if t_done else None
        out.update({
            "e2e_complete": all_done,
            "e2e_missing_mailboxes": len(missing),
            "e2e_span_s": round(e2e_span, 3) if e2e_span else None,
            "e2e_msgs_per_s": round(len(ok) / e2e_span, 2) if e2e_span and all_done else None,
            "e2e_deliveries_per_s": round(out["rcpts_accepted"] / e2e_span, 2) if e2e_span and all_done else None,
            "drain_after_last_accept_s": round(t_done - last_accept, 3) if t_done else None,
            "latency_samples": len(lat),
            "lat_p50_ms": ms(pct(lat, 50)), "lat_p90_ms": ms(pct(lat, 90)), "lat_p99_ms": ms(pct(lat, 99)),
            "lat_max_ms": ms(max(lat) if lat else None),
            "status_poll_cycle_p50_ms": ms(pct(cycles, 50)),
            "cpu_e2e": CpuProbe.diff(s0, s2, client_cpu),
        })
    return finish(args, "smtp", out)


# ------------------------------------------------------------------ IMAP read load

SESSION_CMDS = ["LOGIN", "SELECT", "FETCH_ALL", "FETCH_BODY", "STORE", "SEARCH", "LOGOUT"]


def imap_session(args, ctx, addr, pw, rnd, lat):
    """One read session; appends (cmd, seconds) to lat; returns (ncmds, bytes)."""
    nbytes = 0
    ncmd = 0

    def timed(name, fn, *a):
        nonlocal ncmd
        t = time.perf_counter()
        typ, data = fn(*a)
        lat.append((name, time.perf_counter() - t))
        ncmd += 1
        if typ != "OK":
            raise RuntimeError(f"{name}: {typ} {data!r}"[:200])
        return data

    tc = time.perf_counter()
    c = imaplib.IMAP4(args.host, args.imap_port, timeout=120)
    c.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if args.imap_starttls:
        c.starttls(ssl_context=ctx)
    lat.append(("CONNECT", time.perf_counter() - tc))
    try:
        timed("LOGIN", c.login, addr, pw)
        data = timed("SELECT", c.select, "INBOX")
        exists = int(data[0])
        if exists:
            data = timed("FETCH_ALL", c.fetch, "1:*", "(FLAGS ENVELOPE BODYSTRUCTURE)")
            nbytes += sum(len(x) if isinstance(x, bytes) else sum(len(y) for y in x) for x in data if x)
            k = min(args.bodies, exists)
            picks = rnd.sample(range(1, exists + 1), k) if exists >= k else [rnd.randint(1, exists) for _ in range(k)]
            for m in picks:
                data = timed("FETCH_BODY", c.fetch, str(m), "(BODY.PEEK[])")
                nbytes += sum(len(x[1]) for x in data if isinstance(x, tuple))
            if picks:
                timed("STORE", c.store, ",".join(map(str, sorted(set(picks)))), "+FLAGS", "(\\Seen)")
        timed("SEARCH", c.search, None, "UNSEEN")
        t = time.perf_counter()
        c.logout()
        lat.append(("LOGOUT", time.perf_counter() - t))
        ncmd += 1
    except Exception:
        try:
            c.shutdown()
        except Exception:
            pass
        raise
    return ncmd, nbytes


def imap_worker_proc(wid_base, nthreads, args, users, counter, go, q):
    ctx = tls_context(args)
    out = {"lat": [], "sessions": 0, "cmds": 0, "bytes": 0, "errors": []}
    lock = threading.Lock()
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    go.wait()
    deadline = time.monotonic() + args.max_seconds

    def next_id():
        with counter.get_lock():
            s = counter.value
            if s >= args.sessions:
                return None
            counter.value = s + 1
            return s

    def one_thread(wid):
        rnd = random.Random(args.seed * 7919 + wid)
        lat, ns, nc, nb, errs = [], 0, 0, 0, []
        while time.monotonic() < deadline:
            sid = next_id()
            if sid is None:
                break
            addr, pw = users[rnd.randrange(len(users))]
            try:
                c_, b_ = imap_session(args, ctx, addr, pw, rnd, lat)
                ns += 1
                nc += c_
                nb += b_
            except Exception as e:  # noqa: BLE001
                errs.append(f"{type(e).__name__}: {e}"[:200])
        with lock:
            out["lat"].extend(lat)
            out["sessions"] += ns
            out["cmds"] += nc
            out["bytes"] += nb
            out["errors"].extend(errs)

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


def cmd_imap(args):
    users = load_users(args)
    if args.probe_users:
        users = users[:-args.probe_users] or users
    mpc = mp.get_context("fork")
    counter = mpc.Value("l", 0)
    go = mpc.Event()
    q = mpc.Queue()
    procs, wid = [], 0
    for nt in split_workers(args.concurrency, args.procs):
        p = mpc.Process(target=imap_worker_proc, args=(wid, nt, args, users, counter, go, q))
        p.start()
        procs.append(p)
        wid += nt
    cpu = CpuProbe([int(x) for x in args.server_pids.split(",")] if args.server_pids else None, args.server_match)
    idle_before = wait_quiet(args) if args.wait_quiet else None
    s0 = cpu.snap()
    go.set()
    parts = [q.get(timeout=args.max_seconds + 300) for _ in procs]
    for p in procs:
        p.join()
    s1 = cpu.snap()
    t0 = min(p["t0"] for p in parts)
    t1 = max(p["t1"] for p in parts)
    span = t1 - t0
    lat = [x for p in parts for x in p["lat"]]
    cmd_lat = [s for name, s in lat if name != "CONNECT"]
    sessions = sum(p["sessions"] for p in parts)
    cmds = sum(p["cmds"] for p in parts)
    errors = [e for p in parts for e in p["errors"]]
    per_cmd = {}
    for name in ["CONNECT"] + SESSION_CMDS:
        v = [s for nm, s in lat if nm == name]
        if v:
            per_cmd[name] = {"n": len(v), "p50_ms": ms(pct(v, 50)), "p99_ms": ms(pct(v, 99))}
    out = {
        "sessions_ok": sessions, "sessions_err": len(errors), "commands": cmds,
        "span_s": round(span, 3),
        "sessions_per_s": round(sessions / span, 2) if span > 0 else None,
        "commands_per_s": round(cmds / span, 1) if span > 0 else None,
        "cmd_p50_ms": ms(pct(cmd_lat, 50)), "cmd_p99_ms": ms(pct(cmd_lat, 99)),
        "mb_received": round(sum(p["bytes"] for p in parts) / 1048576, 1),
        "per_command": per_cmd,
        "errors_sample": sorted(set(errors))[:5],
        "busy_cores_before": idle_before,
        "cpu": CpuProbe.diff(s0, s1, sum(p["cpu"] for p in parts)),
    }
    return finish(args, "imap", out)


# ----------------------------------------------------------------------- output


def finish(args, kind, out):
    params = {k: v for k, v in vars(args).items() if not k.startswith("_") and k != "func"}
    rec = {"kind": kind, "label": args.label, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "params": params, "results": out}
    print(json.dumps(rec, indent=1 if args.verbose else None))
    if args.json_out:
        with open(args.json_out, "a") as f:
            f.write(json.dumps(rec) + "\n")
    return 0


def cmd_summarize(args):
    recs = []
    with open(args.file) as f:
        for line in f:
            if line.strip():
                recs.append(json.loads(line))
    groups = {}
    for r in recs:
        res = r["results"]
        # derived efficiency metrics: server CPU per unit of work (robust on a shared, small machine)
        if r["kind"] == "smtp" and res.get("sent_ok"):
            c = res.get("cpu_e2e") or res.get("cpu_send_phase") or {}
            if c.get("server_cpu_s") is not None:
                res["server_cpu_ms_per_msg"] = c["server_cpu_s"] * 1000 / res["sent_ok"]
        if r["kind"] == "imap" and res.get("sessions_ok"):
            res["server_cpu_ms_per_session"] = res["cpu"]["server_cpu_s"] * 1000 / res["sessions_ok"]
        groups.setdefault((r["kind"], r["label"]), []).append(res)

    def med(rs, path):
        vals = []
        for r in rs:
            v = r
            for p in path.split("."):
                v = v.get(p) if isinstance(v, dict) else None
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                vals.append(v)
        return round(statistics.median(vals), 2) if vals else "-"

    smtp_cols = [("runs", None), ("N", "sent_ok"), ("SMTP msg/s", "smtp_msgs_per_s"),
                 ("SMTP conn p50 ms", "smtp_connect_p50_ms"), ("SMTP txn p50 ms", "smtp_txn_p50_ms"),
                 ("SMTP txn p99 ms", "smtp_txn_p99_ms"), ("e2e msg/s", "e2e_msgs_per_s"),
                 ("e2e deliv/s", "e2e_deliveries_per_s"), ("lat p50 ms", "lat_p50_ms"), ("lat p99 ms", "lat_p99_ms"),
                 ("server cores", "cpu_e2e.server_cores"), ("server CPU ms/msg", "server_cpu_ms_per_msg"),
                 ("client cores", "cpu_e2e.client_cores"),
                 ("other cores", "cpu_e2e.other_cores"), ("errors", "sent_err")]
    imap_cols = [("runs", None), ("sessions/s", "sessions_per_s"), ("cmds/s", "commands_per_s"),
                 ("cmd p50 ms", "cmd_p50_ms"), ("cmd p99 ms", "cmd_p99_ms"),
                 ("FETCH 1:* p99 ms", "per_command.FETCH_ALL.p99_ms"), ("BODY p99 ms", "per_command.FETCH_BODY.p99_ms"),
                 ("server cores", "cpu.server_cores"), ("server CPU ms/session", "server_cpu_ms_per_session"),
                 ("client cores", "cpu.client_cores"),
                 ("other cores", "cpu.other_cores"), ("errors", "sessions_err")]
    for kind, cols in (("smtp", smtp_cols), ("imap", imap_cols)):
        keys = [k for k in groups if k[0] == kind]
        if not keys:
            continue
        print(f"\n### {kind} (median of runs)\n")
        print("| label | " + " | ".join(c[0] for c in cols) + " |")
        print("|---" * (len(cols) + 1) + "|")
        for k in keys:
            rs = groups[k]
            cells = [str(len(rs)) if p is None else str(med(rs, p)) for _, p in cols]
            print(f"| {k[1]} | " + " | ".join(cells) + " |")
    return 0


# ------------------------------------------------------------------------- CLI


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    def common(p):
        g = p.add_argument_group("target")
        g.add_argument("--host", default="127.0.0.1")
        g.add_argument("--smtp-port", type=int, default=2525)
        g.add_argument("--imap-port", type=int, default=2143)
        g.add_argument("--domain", default="hopital-test.mssante.fr")
        g.add_argument("--users-file", help="lines 'address:password' (or 'local:password' + --domain)")
        g.add_argument("--user-count", type=int, default=200, help="without --users-file: userNNN accounts")
        g.add_argument("--user-format", default="user{:03d}")
        g.add_argument("--password", help="same password for all generated users")
        g.add_argument("--password-format", default="Pw-{local}", help="per-user password pattern")
        g.add_argument("--imap-starttls", action="store_true", help="STARTTLS on every IMAP connection")
        g.add_argument("--cafile", help="verify server certificates with this CA (default: no verification)")
        g.add_argument("--tls-max", choices=["1.2", "1.3"], default="1.3", help="highest TLS version offered")
        g.add_argument("--allow-non-loopback", action="store_true", help="permit a non-127/8 target (off by default)")
        g = p.add_argument_group("run")
        g.add_argument("-c", "--concurrency", type=int, default=8)
        g.add_argument("--procs", type=int, default=os.cpu_count() or 1, help="client processes (threads split among them)")
        g.add_argument("--max-seconds", type=float, default=600, help="hard bound on the load phase")
        g.add_argument("--probe-users", type=int, default=2,
                       help="last K users are latency probe mailboxes (excluded from random traffic)")
        g.add_argument("--seed", type=int, default=1)
        g.add_argument("--label", default="")
        g.add_argument("--json-out", help="append one JSON record per run to this file")
        g.add_argument("--server-pids", help="comma-separated root PIDs of the server (descendants included) for CPU accounting")
        g.add_argument("--server-match", help="regex on /proc/PID/exe selecting server processes for CPU accounting")
        g.add_argument("--wait-quiet", type=float, default=0,
                       help="before the load phase, wait up to this many seconds for the machine to be idle")
        g.add_argument("--quiet-cores", type=float, default=0.3, help="'idle' = fewer busy cores than this")
        g.add_argument("-v", "--verbose", action="store_true")

    p = sub.add_parser("smtp", help="SMTP injection + end-to-end delivery")
    common(p)
    p.add_argument("-n", "--count", type=int, default=5000)
    p.add_argument("--size", type=int, default=20000, help="approximate message size in bytes")
    p.add_argument("--attach-ratio", type=float, default=0.75, help="share of the size taken by the base64 attachment")
    p.add_argument("--min-rcpt", type=int, default=1)
    p.add_argument("--max-rcpt", type=int, default=3)
    p.add_argument("--msgs-per-conn", type=int, default=10, help="messages per SMTP connection (0 = unlimited)")
    p.add_argument("--rate", type=float, default=0,
                   help="pace the sends at this many msgs/s in total (0 = as fast as the workers go)")
    p.add_argument("--starttls", action="store_true", help="STARTTLS on every SMTP connection")
    p.add_argument("--smtp-auth", action="store_true", help="AUTH as the sender (needs a submission-style server)")
    p.add_argument("--client-cert", help="PEM certificate presented after SMTP STARTTLS (an operator sending to an MX)")
    p.add_argument("--client-key", help="PEM private key of --client-cert")
    p.add_argument("--sender-users-file",
                   help="lines 'address:password': senders (and AUTH credentials) drawn from here instead of the "
                        "recipient list (relay runs: senders on the submitting server, recipients on the other)")
    p.add_argument("--helo", default="loadgen.mailbench.invalid")
    p.add_argument("--no-e2e", action="store_true", help="only measure SMTP acceptance")
    p.add_argument("--e2e-timeout", type=float, default=600, help="max wait for delivery after the send phase")
    p.add_argument("--latency-samples", type=int, default=200)
    p.add_argument("--latency-mode", choices=["poll", "idle"], default="poll",
                   help="probe mailboxes: NOOP polling (default) or IDLE push")
    p.add_argument("--probe-interval", type=float, default=0.01, help="seconds between NOOPs on a probe mailbox")
    p.add_argument("--poll-interval", type=float, default=0.05, help="seconds between STATUS sweeps (completion check)")
    p.add_argument("--pollers", type=int, default=2, help="threads sweeping STATUS over the recipient mailboxes")
    p.set_defaults(func=cmd_smtp)

    p = sub.add_parser("imap", help="IMAP read load")
    common(p)
    p.add_argument("--sessions", type=int, default=400, help="total sessions to run")
    p.add_argument("--bodies", type=int, default=20, help="random full bodies fetched per session")
    p.set_defaults(func=cmd_imap)

    p = sub.add_parser("summarize", help="median table from a --json-out file")
    p.add_argument("file")
    p.set_defaults(func=cmd_summarize)

    args = ap.parse_args(argv)
    if args.cmd != "summarize":
        check_loopback(args.host, args.allow_non_loopback)
        if args.concurrency < 1:
            ap.error("--concurrency must be >= 1")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
