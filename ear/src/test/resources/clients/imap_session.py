"""An independent, non-Java IMAP client for the end-to-end tests: Python's imaplib.

Usage: imap_session.py HOST PORT USER PASSWORD SUBJECT_TOKEN CA_CERTIFICATE
Prints one JSON object with what a mail client would have seen.
"""
import email
import email.header
import imaplib
import json
import ssl
import sys

host, port, user, password, token, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
out = {}
imap = imaplib.IMAP4(host, port)
imap.starttls(ssl.create_default_context(cafile=ca))  # authentication waits for TLS
typ, _ = imap.login(user, password)
out["login"] = typ
typ, data = imap.capability()  # after login: the full list (RFC 3501 7.2.1 lets it change)
out["capabilities"] = data[0].decode().split()
typ, folders = imap.list()
out["folders"] = [f.decode() for f in folders]
typ, data = imap.select("INBOX")
out["exists"] = int(data[0])
typ, data = imap.uid("SEARCH", None, "SUBJECT", token)
uids = data[0].split()
out["found"] = len(uids)
if uids:
    uid = uids[-1]
    typ, data = imap.uid("FETCH", uid, "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)] RFC822.SIZE)")
    out["peek_flags_before"] = data[0][0].decode()
    subject_raw = data[0][1].decode().split(":", 1)[1].strip()
    out["subject"] = str(email.header.make_header(email.header.decode_header(subject_raw)))
    typ, data = imap.uid("FETCH", uid, "(BODY[])")
    message = email.message_from_bytes(data[0][1])
    out["body"] = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8").strip()
    typ, data = imap.uid("FETCH", uid, "(FLAGS)")
    out["flags_after_read"] = data[0].decode()
    imap.uid("STORE", uid, "+FLAGS", "(\\Flagged)")
    typ, data = imap.uid("SEARCH", None, "FLAGGED", "SUBJECT", token)
    out["flagged"] = len(data[0].split())
typ, data = imap.append("Drafts", "(\\Draft)", None,
                        b"From: " + user.encode() + b"\r\nSubject: brouillon " + token.encode() + b"\r\n\r\nA finir.\r\n")
out["append"] = typ
out["append_code"] = data[0].decode() if data and data[0] else ""
typ, data = imap.status("Drafts", "(MESSAGES UIDNEXT)")
out["drafts_status"] = data[0].decode()
imap.logout()
print(json.dumps(out))
