#!/usr/bin/env python3
"""Connection-scale benchmark of the mail platform (issue 11 item 4, ADR 0036). Python 3.11 stdlib only.

The mailboxes and their app passwords come from provision-mailboxes.py (a users file `address:password`);
with --auth oauthbearer every connection logs in with the token of their owner (--owner), obtained through
the password-grant client provision-mailboxes.py registers.

Sub-commands:
  idle         N IMAP connections over the users' INBOXes: LOGIN (paced or burst), SELECT INBOX, IDLE;
               then one message per watched mailbox over SMTP; per connection, time from the SMTP 250 of
               that message to the `* n EXISTS` it causes; p50/p99/max, refused/failed logins, server memory
  login-burst  N connections opened, then N LOGINs sent at once; counts of OK/NO/BAD/timeouts, latencies
  smtp-hold    N SMTP connections held after EHLO; refusals counted; then each sends one message

Loopback only. Source addresses cycle over 127.0.0.1 .. 127.0.0.<--sources> so that the server's
per-address connection limit (mssante.imap.max-connections-per-ip, mssante.smtp.max-connections-per-ip,
100 by default) is not what is measured; Linux routes the whole 127.0.0.0/8 to lo.
The tool raises its own open-file limit to the hard limit; the server needs one above the connection
count too (the launcher's WildFly inherits the shell's `ulimit -n`).
Server memory: --server-pid (WildFly) gives VmRSS from /proc and `jcmd GC.heap_info` after a full GC
(`jcmd GC.run`), and with --histogram the top of `jcmd GC.class_histogram`.
"""
import argparse
import asyncio
import base64
import importlib
import json
import os
import random
import resource
import ssl
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


# ---------------------------------------------------------------------------------------------- helpers

def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def percentiles(values):
    if not values:
        return {"n": 0}
    s = sorted(values)

    def pct(p):
        return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]
    return {"n": len(s), "min": round(s[0], 1), "p50": round(pct(50), 1), "p90": round(pct(90), 1), "p99": round(pct(99), 1),
            "max": round(s[-1], 1), "mean": round(statistics.fmean(s), 1)}


def read_users(path):
    users = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                address, _, password = line.partition(":")
                users.append((address, password))
    if not users:
        raise SystemExit(f"no users in {path}")
    return users


def source_address(i, sources):
    return f"127.0.0.{1 + i % sources}"


def tls_context(args):
    ctx = ssl.create_default_context(cafile=args.cafile) if args.cafile else ssl.create_default_context()
    if not args.cafile:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def server_memory(args, label):
    """VmRSS and heap of the WildFly process, after a full GC so that the heap figure is the live set."""
    if not args.server_pid:
        return None
    out = {"label": label}
    try:
        with open(f"/proc/{args.server_pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS", "Threads")):
                    key, value = line.split(":", 1)
                    out[key] = value.strip()
        subprocess.run(["jcmd", str(args.server_pid), "GC.run"], capture_output=True, timeout=120)
        heap = subprocess.run(["jcmd", str(args.server_pid), "GC.heap_info"], capture_output=True, text=True,
                              timeout=60).stdout
        out["heap_info"] = [line.strip() for line in heap.splitlines()[1:4]]
        if args.histogram:
            histo = subprocess.run(["jcmd", str(args.server_pid), "GC.class_histogram"], capture_output=True,
                                   text=True, timeout=120).stdout.splitlines()
            out["histogram_top"] = histo[:args.histogram + 3] + histo[-1:]
    except (OSError, subprocess.SubprocessError) as e:
        out["error"] = str(e)
    return out


def server_cpu_seconds(args):
    """utime + stime of the WildFly process (/proc/<pid>/stat), None without --server-pid."""
    if not args.server_pid:
        return None
    with open(f"/proc/{args.server_pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_ms_per(args, since, count):
    now = server_cpu_seconds(args)
    return None if now is None or not count else round((now - since) * 1000 / count, 1)


def check_loopback(host):
    if not host.startswith("127."):
        raise SystemExit("loopback targets only")


# ---------------------------------------------------------------------------------------------- tokens

class Tokens:
    """The bench practitioner's access token (password grant of provision-mailboxes.py's client), renewed
    every minute: Keycloak's access tokens live 5 minutes and a 10,000-session setup takes longer."""
    current = None

    def __init__(self):
        self.args = None

    def fetch(self):
        body = urllib.parse.urlencode({"grant_type": "password", "client_id": PROVISIONING.CLIENT,
                                       "username": self.args.owner, "password": PROVISIONING.PRACTITIONER_PASSWORD,
                                       "scope": "openid"}).encode()
        req = urllib.request.Request(f"{self.args.keycloak}/realms/mssante/protocol/openid-connect/token", data=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(req, timeout=60) as r:
            Tokens.current = json.loads(r.read())["access_token"]

    async def renew(self):
        while True:
            await asyncio.sleep(60)
            await asyncio.get_running_loop().run_in_executor(None, self.fetch)


TOKENS = Tokens()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
PROVISIONING = importlib.import_module("provision-mailboxes")  # its client and practitioner password


# ---------------------------------------------------------------------------------------------- IMAP

class Imap:
    """One IMAP connection, just enough protocol for the benchmark."""

    def __init__(self, reader, writer):
        self.reader, self.writer, self.tag = reader, writer, 0

    @classmethod
    async def open(cls, args, i):
        ctx = tls_context(args) if args.tls else None
        port = args.imaps_port if args.tls else args.imap_port
        reader, writer = await asyncio.open_connection(args.host, port, ssl=ctx,
                                                       local_addr=(source_address(i, args.sources), 0),
                                                       limit=1 << 20)
        conn = cls(reader, writer)
        greeting = await conn.line()
        if not greeting.startswith("* OK"):
            writer.close()
            raise ConnectionRefusedError(greeting.strip())
        if args.starttls:
            _, status, text = await conn.command("STARTTLS")
            if status != "OK":
                raise ConnectionRefusedError(text)
            await writer.start_tls(tls_context(args))
        return conn

    async def line(self):
        data = await self.reader.readline()
        if not data:
            raise ConnectionResetError("connection closed")
        return data.decode("utf-8", "replace")

    async def command(self, text):
        """Sends a command; returns (untagged lines, status, rest of the tagged line)."""
        self.tag += 1
        tag = f"a{self.tag}"
        self.writer.write(f"{tag} {text}\r\n".encode())
        await self.writer.drain()
        untagged = []
        while True:
            line = await self.line()
            if line.startswith(tag + " "):
                parts = line.rstrip("\r\n").split(" ", 2)
                return untagged, parts[1], parts[2] if len(parts) > 2 else ""
            untagged.append(line)

    @staticmethod
    def quote(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    async def login(self, user, password):
        return await self.command(f"LOGIN {self.quote(user)} {self.quote(password)}")

    async def authenticate(self, args, user, password):
        """LOGIN with the app password, or (--auth oauthbearer) AUTHENTICATE OAUTHBEARER (RFC 7628) with
        an initial response (RFC 4959) carrying the mailbox owner's token, user as authorization identity."""
        if args.auth == "login":
            return await self.login(user, password)
        gs2 = f"n,a={user},\x01auth=Bearer {TOKENS.current}\x01\x01"
        return await self.command("AUTHENTICATE OAUTHBEARER " + base64.b64encode(gs2.encode()).decode())

    def close(self):
        try:
            self.writer.close()
        except Exception:
            pass


# ---------------------------------------------------------------------------------------------- SMTP

class Smtp:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, args, i, port=None):
        reader, writer = await asyncio.open_connection(args.host, port or args.smtp_port,
                                                       local_addr=(source_address(i, args.sources), 0))
        conn = cls(reader, writer)
        code, text = await conn.reply()
        if code != 220:
            writer.close()
            raise ConnectionRefusedError(f"{code} {text}")
        return conn

    async def reply(self):
        lines = []
        while True:
            data = await self.reader.readline()
            if not data:
                raise ConnectionResetError("connection closed")
            line = data.decode("utf-8", "replace").rstrip("\r\n")
            lines.append(line[4:])
            if len(line) < 4 or line[3] != "-":
                return int(line[:3]), " / ".join(lines)

    async def command(self, text):
        self.writer.write(text.encode() + b"\r\n")
        await self.writer.drain()
        return await self.reply()

    async def auth_plain(self, user, password):
        token = base64.b64encode(f"\0{user}\0{password}".encode()).decode()
        return await self.command(f"AUTH PLAIN {token}")

    async def send(self, sender, recipients, subject):
        """MAIL, RCPT..., DATA; returns (final code, text, time.monotonic() of the final reply)."""
        code, text = await self.command(f"MAIL FROM:<{sender}>")
        if code != 250:
            return code, text, time.monotonic()
        for rcpt in recipients:
            code, text = await self.command(f"RCPT TO:<{rcpt}>")
            if code != 250:
                return code, text, time.monotonic()
        code, text = await self.command("DATA")
        if code != 354:
            return code, text, time.monotonic()
        # One recipient per folded line: RFC 5322 section 2.1.1 (lines of at most 998 characters).
        to = ",\r\n ".join(f"<{r}>" for r in recipients)
        body = (f"From: <{sender}>\r\nTo: {to}\r\n"
                f"Subject: {subject}\r\nMessage-ID: <{random.getrandbits(64):x}.connscale@bench.invalid>\r\n"
                f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\r\n\r\n"
                "Connection scale benchmark.\r\n.\r\n")
        self.writer.write(body.encode())
        await self.writer.drain()
        code, text = await self.reply()
        return code, text, time.monotonic()

    def close(self):
        try:
            self.writer.close()
        except Exception:
            pass


# ---------------------------------------------------------------------------------------------- idle

async def idle(args):
    users = read_users(args.users_file)[:args.mailboxes]
    n = args.connections
    result = {"mode": "idle", "label": args.label, "connections": n, "mailboxes": len(users),
              "login": "burst" if args.login_rate == 0 else f"{args.login_rate}/s", "tls": tls_mode(args)}
    errors = {}
    sessions = []          # (index, mailbox index, Imap, exists count, state dict)
    login_ms = []

    def count_error(kind, e):
        key = f"{kind}: {str(e)[:80]}"
        errors[key] = errors.get(key, 0) + 1

    async def setup(i):
        mailbox = i % len(users)
        address, password = users[mailbox]
        try:
            conn = await Imap.open(args, i)
        except (OSError, asyncio.TimeoutError) as e:
            count_error("connect", e)
            return
        try:
            t0 = time.monotonic()
            _, status, text = await asyncio.wait_for(conn.authenticate(args, address, password), args.timeout)
            if status != "OK":
                count_error("login " + status, text)
                conn.close()
                return
            login_ms.append((time.monotonic() - t0) * 1000)
            untagged, status, text = await asyncio.wait_for(conn.command("SELECT INBOX"), args.timeout)
            if status != "OK":
                count_error("select " + status, text)
                conn.close()
                return
            exists = next(int(line.split()[1]) for line in untagged if line.rstrip().endswith("EXISTS"))
            conn.tag += 1
            conn.writer.write(f"a{conn.tag} IDLE\r\n".encode())
            await conn.writer.drain()
            cont = await asyncio.wait_for(conn.line(), args.timeout)
            if not cont.startswith("+"):
                count_error("idle", cont.strip())
                conn.close()
                return
            sessions.append((i, mailbox, conn, exists))
        except (OSError, asyncio.TimeoutError, StopIteration) as e:
            count_error("session", repr(e))
            conn.close()

    cpu0 = server_cpu_seconds(args)
    t_start = time.monotonic()
    if args.login_rate == 0:
        await asyncio.gather(*(setup(i) for i in range(n)))
    else:
        tasks = []
        for i in range(n):
            tasks.append(asyncio.create_task(setup(i)))
            await asyncio.sleep(1 / args.login_rate)
        await asyncio.gather(*tasks)
    result["setup_seconds"] = round(time.monotonic() - t_start, 1)
    result["server_cpu_ms_per_session_setup"] = cpu_ms_per(args, cpu0, n)
    result["auth"] = args.auth
    result["idling"] = len(sessions)
    result["login_ms"] = percentiles(login_ms)
    result["setup_errors"] = errors
    print(f"{len(sessions)}/{n} connections in IDLE after {result['setup_seconds']} s; errors {errors}",
          file=sys.stderr)
    await asyncio.sleep(args.settle)
    result["memory_idle"] = server_memory(args, f"{len(sessions)} in IDLE")

    # Which mailboxes get a message: the watched ones, or the first --deliver-to of them.
    watched = sorted({m for _, m, _, _ in sessions})
    targets = watched if args.deliver_to == 0 else watched[:args.deliver_to]
    announced = {}          # session index -> monotonic time of its EXISTS
    waiting = [s for s in sessions if s[1] in set(targets)]

    async def wait_exists(i, conn, exists):
        while True:
            line = await conn.line()
            parts = line.split()
            if len(parts) == 3 and parts[0] == "*" and parts[2] == "EXISTS" and int(parts[1]) > exists:
                announced[i] = time.monotonic()
                return

    watchers = [asyncio.create_task(asyncio.wait_for(wait_exists(i, c, e), args.announce_timeout))
                for i, _, c, e in waiting]
    accepted = {}
    cpu0 = server_cpu_seconds(args)
    # Submitted as the first user (AUTH PLAIN: needs mssante.auth.allow-plaintext, the dev default of the
    # bench run): the MX refuses a sender of a hosted domain that does not authenticate.
    smtp = await Smtp.open(args, 0, args.submission_port)
    await smtp.command("EHLO connscale.bench.invalid")
    code, text = await smtp.auth_plain(*users[0])
    if code != 235:
        raise SystemExit(f"AUTH refused: {code} {text}")
    sender = users[0][0]
    for batch_start in range(0, len(targets), args.rcpts_per_message):
        batch = targets[batch_start:batch_start + args.rcpts_per_message]
        code, text, t250 = await smtp.send(sender, [users[m][0] for m in batch], f"connscale {args.label}")
        if code != 250:
            raise SystemExit(f"SMTP refused the message: {code} {text}")
        for m in batch:
            accepted[m] = t250
    await smtp.command("QUIT")
    smtp.close()
    outcomes = await asyncio.gather(*watchers, return_exceptions=True)
    result["server_cpu_ms_per_announced_session"] = cpu_ms_per(args, cpu0, len(announced))
    delays = [(announced[i] - accepted[m]) * 1000 for i, m, _, _ in waiting if i in announced]
    result["announced"] = percentiles(delays)
    # What the fan-out adds to the delivery: each session's announcement after the first one's.
    result["after_first_announcement"] = percentiles([d - min(delays) for d in delays]) if delays else None
    result["not_announced"] = sum(1 for o in outcomes if isinstance(o, BaseException))
    result["watching_sessions"] = len(waiting)
    result["messages_to"] = len(targets)
    result["memory_after"] = server_memory(args, "after the announcement")
    for _, _, conn, _ in sessions:
        conn.close()
    return result


def tls_mode(args):
    return "implicit" if args.tls else "starttls" if args.starttls else "none"


# ---------------------------------------------------------------------------------------------- login burst

async def login_burst(args):
    users = read_users(args.users_file)[:args.mailboxes]
    n = args.connections
    conns = [None] * n
    errors = {}

    async def connect(i):
        try:
            conns[i] = await asyncio.wait_for(Imap.open(args, i), args.timeout)
        except (OSError, asyncio.TimeoutError) as e:
            key = f"connect: {str(e)[:80]}"
            errors[key] = errors.get(key, 0) + 1

    # Connections first, a few hundred at a time (the kernel's accept backlog is not what is measured).
    for start in range(0, n, 500):
        await asyncio.gather(*(connect(i) for i in range(start, min(n, start + 500))))
    opened = [i for i in range(n) if conns[i] is not None]
    counts = {"OK": 0, "NO": 0, "BAD": 0, "timeout": 0, "closed": 0}
    codes = {}
    latencies = []
    go = asyncio.Event()

    async def login(i):
        address, password = users[i % len(users)]
        await go.wait()
        t0 = time.monotonic()
        try:
            _, status, text = await asyncio.wait_for(conns[i].authenticate(args, address, password), args.timeout)
            counts[status] = counts.get(status, 0) + 1
            if status == "OK":
                latencies.append((time.monotonic() - t0) * 1000)
            else:
                codes[text[:60]] = codes.get(text[:60], 0) + 1
        except asyncio.TimeoutError:
            counts["timeout"] += 1
        except OSError:
            counts["closed"] += 1

    tasks = [asyncio.create_task(login(i)) for i in opened]
    await asyncio.sleep(0.5)
    cpu0 = server_cpu_seconds(args)
    t0 = time.monotonic()
    go.set()
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - t0
    cpu_per_login = cpu_ms_per(args, cpu0, len(opened))
    memory = server_memory(args, f"{counts['OK']} logged in")
    for i in opened:
        conns[i].close()
    return {"mode": "login-burst", "label": args.label, "connections": n, "opened": len(opened),
            "connect_errors": errors, "outcomes": counts, "refusals": codes, "login_ms": percentiles(latencies),
            "seconds": round(elapsed, 1), "logins_per_s": round(counts["OK"] / elapsed, 1) if elapsed else None,
            "server_cpu_ms_per_login": cpu_per_login, "auth": args.auth, "tls": tls_mode(args), "memory": memory}


# ---------------------------------------------------------------------------------------------- smtp hold

async def smtp_hold(args):
    users = read_users(args.users_file)
    n = args.connections
    conns = [None] * n
    refused = {}

    async def connect(i):
        try:
            conn = await asyncio.wait_for(Smtp.open(args, i), args.timeout)
            code, text = await asyncio.wait_for(conn.command("EHLO connscale.bench.invalid"), args.timeout)
            if code != 250:
                raise ConnectionRefusedError(f"{code} {text[:60]}")
            conns[i] = conn
        except (OSError, asyncio.TimeoutError) as e:
            key = str(e)[:80] or type(e).__name__
            refused[key] = refused.get(key, 0) + 1

    t0 = time.monotonic()
    for start in range(0, n, 500):
        await asyncio.gather(*(connect(i) for i in range(start, min(n, start + 500))))
    held = [i for i in range(n) if conns[i] is not None]
    print(f"{len(held)}/{n} SMTP connections held after EHLO; refused {refused}", file=sys.stderr)
    memory = server_memory(args, f"{len(held)} SMTP connections held")
    await asyncio.sleep(args.hold)
    still_open = 0
    replies = {}
    txn_ms = []
    go = asyncio.Event()

    async def send(i):
        nonlocal still_open
        conn = conns[i]
        await go.wait()
        rcpt = users[i % len(users)][0]
        t = time.monotonic()
        try:
            code, text, t_end = await asyncio.wait_for(
                conn.send(args.sender or users[(i + 1) % len(users)][0], [rcpt], f"connscale {args.label}"),
                args.timeout)
            still_open += 1
            replies[code] = replies.get(code, 0) + 1
            if code == 250:
                txn_ms.append((t_end - t) * 1000)
            await conn.command("QUIT")
        except (OSError, asyncio.TimeoutError) as e:
            replies[type(e).__name__] = replies.get(type(e).__name__, 0) + 1
        conn.close()

    tasks = [asyncio.create_task(send(i)) for i in held]
    await asyncio.sleep(0.2)
    go.set()
    await asyncio.gather(*tasks)
    return {"mode": "smtp-hold", "label": args.label, "connections": n, "held": len(held), "refused": refused,
            "held_seconds": args.hold, "replies": {str(k): v for k, v in replies.items()},
            "transaction_ms": percentiles(txn_ms), "seconds": round(time.monotonic() - t0, 1), "memory": memory}


# ---------------------------------------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="mode", required=True)

    def common(sp):
        sp.add_argument("--host", default="127.0.0.1")
        sp.add_argument("--imap-port", type=int, default=10143)
        sp.add_argument("--imaps-port", type=int, default=10993)
        sp.add_argument("--smtp-port", type=int, default=10025, help="the MX port (smtp-hold)")
        sp.add_argument("--submission-port", type=int, default=10587, help="submission (idle: the new mail)")
        sp.add_argument("--users-file", required=True, help="address:password per line")
        sp.add_argument("--mailboxes", type=int, default=10 ** 9, help="use the first M users only")
        sp.add_argument("-n", "--connections", type=int, default=1000)
        sp.add_argument("--sources", type=int, default=100, help="source addresses 127.0.0.1..127.0.0.<n>")
        sp.add_argument("--timeout", type=float, default=120, help="seconds per protocol step")
        sp.add_argument("--tls", action="store_true", help="implicit TLS (IMAP)")
        sp.add_argument("--starttls", action="store_true", help="STARTTLS (IMAP)")
        sp.add_argument("--cafile", help="verify the server against this CA (else no verification)")
        sp.add_argument("--sender", help="envelope sender (default: the first user)")
        sp.add_argument("--server-pid", type=int, help="WildFly PID: VmRSS and heap via jcmd")
        sp.add_argument("--histogram", type=int, default=0, help="also the top N of GC.class_histogram")
        sp.add_argument("--auth", choices=["login", "oauthbearer"], default="login",
                        help="LOGIN with app passwords (Argon2id on the server) or OAUTHBEARER with a token")
        sp.add_argument("--keycloak", default="http://127.0.0.1:8180/auth", help="for --auth oauthbearer")
        sp.add_argument("--owner", default="899900000001",
                        help="for --auth oauthbearer: the bench practitioner provision-mailboxes.py made owner")
        sp.add_argument("--label", default="")
        sp.add_argument("--json-out", help="append the result as one JSON line")

    sp = sub.add_parser("idle")
    common(sp)
    sp.add_argument("--login-rate", type=float, default=200, help="logins/s; 0 = all at once")
    sp.add_argument("--settle", type=float, default=2, help="seconds between the last IDLE and the delivery")
    sp.add_argument("--deliver-to", type=int, default=0, help="only the first K watched mailboxes (0: all)")
    sp.add_argument("--rcpts-per-message", type=int, default=50)
    sp.add_argument("--announce-timeout", type=float, default=60)
    sp = sub.add_parser("login-burst")
    common(sp)
    sp = sub.add_parser("smtp-hold")
    common(sp)
    sp.add_argument("--hold", type=float, default=10, help="seconds the connections stay open after EHLO")
    args = p.parse_args()

    check_loopback(args.host)
    limit = raise_fd_limit()
    if limit < args.connections + 100:
        raise SystemExit(f"open-file limit {limit} < {args.connections} connections: raise `ulimit -Hn`")
    run = {"idle": idle, "login-burst": login_burst, "smtp-hold": smtp_hold}[args.mode]
    if args.auth == "oauthbearer":
        TOKENS.args = args
        TOKENS.fetch()

    async def with_token_renewal():
        renewal = asyncio.create_task(TOKENS.renew()) if args.auth == "oauthbearer" else None
        try:
            return await run(args)
        finally:
            if renewal:
                renewal.cancel()
    result = asyncio.run(with_token_renewal())
    result["time"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    text = json.dumps(result)
    print(text)
    if args.json_out:
        with open(args.json_out, "a") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
