#!/usr/bin/env python3
"""Fills the INBOX of each bench mailbox over IMAP APPEND (no MX needed): N messages of ~20 KB, built by
mailbench.py's own generator (text + base64 "PDF"), so the IMAP read benchmark has a realistic folder.

  python3 docs/bench/imap-fill.py --imap-port 10143 --users-file users.txt --messages 100
"""
import argparse, imaplib, os, sys, time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mailbench  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--host", default="127.0.0.1")
p.add_argument("--imap-port", type=int, default=10143)
p.add_argument("--users-file", required=True)
p.add_argument("--messages", type=int, default=100)
p.add_argument("--size", type=int, default=20000)
p.add_argument("--threads", type=int, default=4)
a = p.parse_args()
users = [line.strip().split(":", 1) for line in open(a.users_file) if line.strip()]
ctype, body = mailbench.make_body(a.size, 0.7)


def fill(user):
    address, password = user
    c = imaplib.IMAP4(a.host, a.imap_port)
    c.login(address, password)
    for seq in range(a.messages):
        msg = mailbench.make_message(seq, "fill", "expediteur@hopital-demo.mssante.fr", [address], ctype, body,
                                     time.time(), "hopital-demo.mssante.fr")[:-3]
        typ, data = c.append("INBOX", None, None, msg)
        if typ != "OK":
            raise SystemExit(f"{address}: APPEND {typ} {data}")
    c.logout()
    return address


with ThreadPoolExecutor(a.threads) as pool:
    for done in pool.map(fill, users):
        print("filled", done, file=sys.stderr)
