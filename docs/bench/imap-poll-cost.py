#!/usr/bin/env python3
"""imap-poll-cost.py -- server CPU of one polling IMAP client (NOOP or STATUS), as a mail client's poll.

    python3 docs/bench/imap-poll-cost.py --imap-port 10143 --users-file users.txt --command NOOP \
        --server-pids $WILDFLY,$POSTGRES --seconds 15

Logs in as the first user of the users file (address:password lines, as provision-mailboxes.py writes),
SELECTs INBOX, then sends the command every --interval seconds for --seconds, and prints the rate and the
server CPU per command read from /proc (utime + stime of the given pids and of their child processes:
PostgreSQL's backends are children of its postmaster). Run it on an otherwise idle server; repeat it: the
first runs after a start are JIT-cold. Python 3 stdlib only.
"""
import argparse
import imaplib
import os
import time


def tree(pid):
    """The pid and its children (one level: PostgreSQL's backends)."""
    pids = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            pids += [int(c) for c in f.read().split()]
    except FileNotFoundError:
        pass
    return pids


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (proc(5): fields 14, 15)
        except FileNotFoundError:
            pass  # a backend that ended
    return total / os.sysconf("SC_CLK_TCK")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--imap-port", type=int, default=10143)
    p.add_argument("--users-file", required=True)
    p.add_argument("--command", choices=["NOOP", "STATUS"], default="NOOP")
    p.add_argument("--server-pids", required=True, help="comma-separated: the server processes (children included)")
    p.add_argument("--seconds", type=float, default=15)
    p.add_argument("--interval", type=float, default=0.01)
    args = p.parse_args()
    with open(args.users_file) as f:
        user, password = f.readline().strip().split(":", 1)
    roots = [int(x) for x in args.server_pids.split(",")]
    imap = imaplib.IMAP4(args.host, args.imap_port)
    imap.login(user, password)
    imap.select("INBOX")
    pids = [q for r in roots for q in tree(r)]
    n, c0, t0 = 0, cpu_seconds(pids), time.time()
    while time.time() - t0 < args.seconds:
        if args.command == "NOOP":
            imap.noop()
        else:
            imap.status("INBOX", "(MESSAGES UIDNEXT)")
        n += 1
        time.sleep(args.interval)
    elapsed, cpu = time.time() - t0, cpu_seconds(pids) - c0
    imap.logout()
    print(f"{args.command}: {n} commands, {n / elapsed:.0f}/s, server {cpu / elapsed:.3f} cores, "
          f"{1000 * cpu / n:.2f} ms of server CPU per command")


if __name__ == "__main__":
    main()
