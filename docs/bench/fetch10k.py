# FETCH timing over a raw socket: Python's imaplib itself needs seconds to parse 10,000 responses,
# which would hide the server's time. Usage, after populate-10k.sql:
#   APP_PASSWORD=<bench002's app password> python3 docs/bench/fetch10k.py
import os
import socket
import time

s = socket.create_connection(("127.0.0.1", int(os.environ.get("IMAP_PORT", "10143"))))
f = s.makefile("rb")


def cmd(tag, command):
    s.sendall((tag + " " + command + "\r\n").encode())
    lines = 0
    while True:
        line = f.readline()
        lines += 1
        if line.startswith(tag.encode()):
            return lines, line


f.readline()
cmd("a", 'LOGIN bench002@hopital-demo.mssante.fr "' + os.environ["APP_PASSWORD"] + '"')
for i in range(5):
    t0 = time.perf_counter()
    cmd("b%d" % i, "EXAMINE Archive")
    t1 = time.perf_counter()
    n, done = cmd("c%d" % i, "FETCH 1:* (FLAGS)")
    t2 = time.perf_counter()
    cmd("d%d" % i, "FETCH 1:1000 (UID FLAGS ENVELOPE BODYSTRUCTURE)")
    t3 = time.perf_counter()
    print("EXAMINE %.0f ms | FETCH 1:* (FLAGS) %.0f ms, %d lines, %s | FETCH 1:1000 envelopes %.0f ms"
          % ((t1 - t0) * 1000, (t2 - t1) * 1000, n, done.strip().decode(), (t3 - t2) * 1000))
