#!/usr/bin/env python3
"""imap-prepare.py -- get bench mailboxes ready for an IMAP measurement without the SMTP path.

    python3 docs/bench/imap-prepare.py --imap-port 30143 --users-file users.txt fill --count 100
    python3 docs/bench/imap-prepare.py --imap-port 30143 --users-file users.txt warm

`fill` APPENDs --count messages of about 20 KB (text, one part, distinct subjects and Message-IDs) to the
INBOX of every mailbox of the users file (`address:password` lines, provision-mailboxes.py's --out): what
perf-table.sh's SMTP populate phase gives, for a worktree without the peer-operator set-up.
`warm` logs in once to every mailbox and logs out: run right before a measured run, so that the platform's
verified-credential cache (ADR 0035, 60 s TTL) holds every bench password and the run measures the IMAP
commands, not one Argon2id hash per mailbox. Python 3 stdlib only; loopback targets.
"""
import argparse
import imaplib
import random


def users(path):
    with open(path) as f:
        return [line.strip().split(":", 1) for line in f if line.strip()]


def fill(args):
    rnd = random.Random(7)
    letters = "abcdefghij klmnopqrstuvwxyz\r\n"
    for address, password in users(args.users_file):
        imap = imaplib.IMAP4(args.host, args.imap_port)
        imap.login(address, password)
        for i in range(args.count):
            body = "".join(rnd.choice(letters) for _ in range(args.size))
            message = (f"From: sender{i}@peer.mssante-test.fr\r\nTo: {address}\r\nSubject: bench {i}\r\n"
                       f"Message-ID: <p{i}.{address}>\r\nDate: Fri, 04 Dec 2026 10:00:00 +0000\r\n\r\n{body}\r\n")
            imap.append("INBOX", None, None, message.encode())
        imap.logout()


def warm(args):
    for address, password in users(args.users_file):
        imap = imaplib.IMAP4(args.host, args.imap_port)
        imap.login(address, password)
        imap.logout()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--imap-port", type=int, required=True)
    parser.add_argument("--users-file", required=True)
    commands = parser.add_subparsers(dest="command", required=True)
    filling = commands.add_parser("fill", help="APPEND --count messages to every INBOX")
    filling.add_argument("--count", type=int, default=100)
    filling.add_argument("--size", type=int, default=20000, help="body octets per message")
    commands.add_parser("warm", help="one LOGIN per mailbox (fills the credential cache)")
    args = parser.parse_args()
    if not args.host.startswith("127."):
        parser.error("loopback targets only")
    {"fill": fill, "warm": warm}[args.command](args)


if __name__ == "__main__":
    main()
