#!/usr/bin/env python3
"""provision-mailboxes.py -- bench mailboxes and their app passwords on a running development platform.

    python3 docs/bench/provision-mailboxes.py --http-port 8080 --keycloak http://127.0.0.1:8180/auth \\
        --domain hopital-demo.mssante.fr --prefix bench --count 20 --owner 899900000001 --out users.txt

Creates PER mailboxes <prefix>001..<prefix>NNN@<domain> as the operator administrator (the dev realm's
`operator` user), owned by a bench practitioner (national id --owner, created in Keycloak if missing),
who then creates one app password per mailbox through /api/v1/me: the only way to get one (the
professional sees the secret once). Writes `address:password` lines, mailbench.py's --users-file.
A mailbox that already exists (409) is kept; its earlier bench app passwords are revoked and replaced. Tokens come from a password-grant client
added to the dev Keycloak for the benchmark (the realm files have no such client), as the integration
tests' KeycloakClient does. Needs the development realm (./mssante run): never point it at production.

Taken out of relay-bench.sh (2026-12-04) so perf-table.sh and relay-bench.sh share it.
"""
import argparse
import imaplib
import json
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

REALM, CLIENT = "mssante", "relay-bench-password-grant"
PRACTITIONER_PASSWORD = "Bench-Practitioner-2026"


def call(method, url, body=None, token=None, form=False, ok=(200, 201, 204)):
    data, headers = None, {}
    if body is not None:
        if form:
            data, headers["Content-Type"] = urllib.parse.urlencode(body).encode(), "application/x-www-form-urlencoded"
        else:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text.strip() else None)
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        if e.code in ok:
            return e.code, text
        raise SystemExit(f"{method} {url}: {e.code} {text[:500]}")


class Keycloak:
    def __init__(self, base):
        self.base = base

    def admin_token(self):
        return call("POST", f"{self.base}/realms/master/protocol/openid-connect/token",
                    {"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": "admin"},
                    form=True)[1]["access_token"]

    def admin(self, method, path, body=None):
        return call(method, f"{self.base}/admin/realms/{REALM}{path}", body, self.admin_token())[1]

    def token(self, user, password):
        return call("POST", f"{self.base}/realms/{REALM}/protocol/openid-connect/token",
                    {"grant_type": "password", "client_id": CLIENT, "username": user, "password": password,
                     "scope": "openid"}, form=True)[1]["access_token"]

    def ensure_password_grant_client(self):
        def audience(aud):
            return {"name": "audience " + aud, "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                    "config": {"included.client.audience": aud, "access.token.claim": "true", "id.token.claim": "false"}}

        def attribute(attr):
            return {"name": attr, "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-attribute-mapper",
                    "config": {"user.attribute": attr, "claim.name": attr, "jsonType.label": "String",
                               "access.token.claim": "true", "id.token.claim": "true", "userinfo.token.claim": "true"}}

        if not self.admin("GET", f"/clients?clientId={CLIENT}"):
            self.admin("POST", "/clients", {"clientId": CLIENT, "publicClient": True, "directAccessGrantsEnabled": True,
                                            "standardFlowEnabled": False,
                                            "protocolMappers": [audience("mssante-api"), audience("mssante-mail"),
                                                                attribute("rpps"), attribute("finess")]})

    def ensure_practitioner(self, nid):
        found = self.admin("GET", f"/users?exact=true&username={nid}")
        if not found:
            self.admin("POST", "/users", {"username": nid, "enabled": True, "firstName": "Bench", "lastName": nid,
                                          "email": f"{nid}@professionnel.invalid", "emailVerified": True,
                                          "attributes": {"rpps": [nid]}})
            found = self.admin("GET", f"/users?exact=true&username={nid}")
        uid = found[0]["id"]
        self.admin("PUT", f"/users/{uid}/reset-password",
                   {"type": "password", "value": PRACTITIONER_PASSWORD, "temporary": False})
        self.admin("POST", f"/users/{uid}/role-mappings/realm", [self.admin("GET", "/roles/practitioner")])


class FreshToken:
    """A user's access token, fetched again once a minute: provisioning thousands of mailboxes outlasts the
    realm's access-token lifespan (5 minutes)."""

    def __init__(self, kc, user, password, max_age=60):
        self.kc, self.user, self.password, self.max_age = kc, user, password, max_age
        self.value, self.fetched = None, 0.0

    def __str__(self):
        if time.monotonic() - self.fetched > self.max_age:
            self.value, self.fetched = self.kc.token(self.user, self.password), time.monotonic()
        return self.value


def empty_inbox(imap_port, address, password):
    """Deletes every message of the INBOX over IMAP (STARTTLS, LOGIN, STORE \\Deleted, EXPUNGE)."""
    ctx = ssl.create_default_context()
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE  # loopback bench target; nothing secret here
    conn = imaplib.IMAP4("127.0.0.1", imap_port, timeout=120)
    conn.starttls(ssl_context=ctx)
    conn.login(address, password)
    typ, data = conn.select("INBOX")
    if typ == "OK" and int(data[0]):
        conn.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
        conn.expunge()
    conn.logout()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--http-port", type=int, default=8080, help="the platform's HTTP port (REST API)")
    ap.add_argument("--keycloak", default="http://127.0.0.1:8180/auth", help="Keycloak base URL")
    ap.add_argument("--domain", default="hopital-demo.mssante.fr")
    ap.add_argument("--prefix", default="bench", help="mailbox local parts: <prefix>001, <prefix>002, ...")
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--owner", default="899900000001", help="bench practitioner's national id (RPPS form)")
    ap.add_argument("--operator", default="operator:Demo-Operator-2026", help="operator administrator user:password")
    ap.add_argument("--name", default="bench",
                    help="app passwords are named '<name> <UTC time>'; earlier ones of that name are revoked")
    ap.add_argument("--empty-imap-port", type=int,
                    help="then empty each INBOX over IMAP on this port: a benchmark starts from the same state each run")
    ap.add_argument("--out", required=True, help="users file to write (address:password lines)")
    args = ap.parse_args(argv)

    kc = Keycloak(args.keycloak)
    kc.ensure_password_grant_client()
    op_user, _, op_password = args.operator.partition(":")
    operator = FreshToken(kc, op_user, op_password)
    kc.ensure_practitioner(args.owner)
    practitioner = FreshToken(kc, args.owner, PRACTITIONER_PASSWORD)
    lines = []
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    for i in range(1, args.count + 1):
        address = f"{args.prefix}{i:03d}@{args.domain}"
        call("POST", f"http://127.0.0.1:{args.http_port}/api/v1/mailboxes",
             {"address": address, "type": "PER", "displayName": f"Bench {args.prefix}{i:03d}",
              "ownerNationalId": args.owner}, operator, ok=(201, 409))
        passwords = f"http://127.0.0.1:{args.http_port}/api/v1/me/mailboxes/{address}/app-passwords"
        for old in call("GET", passwords, token=practitioner)[1] or []:
            if old["name"].startswith(args.name + " "):  # an earlier run's: revoked, so one stays valid
                call("DELETE", f"{passwords}/{old['id']}", token=practitioner)
        # Each run names its own, so a users file says which run's passwords it holds.
        _, created = call("POST", passwords, {"name": f"{args.name} {stamp}"}, practitioner)
        lines.append(f"{address}:{created['password']}")
    if args.empty_imap_port:
        for line in lines:
            empty_inbox(args.empty_imap_port, *line.split(":", 1))
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{args.count} mailboxes on 127.0.0.1:{args.http_port} -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
