#!/usr/bin/env python3
"""Bench mailboxes for the IMAP read benchmark (issue 11): N PER mailboxes created by the operator
administrator over REST, owned by one bench practitioner who creates an app password for each through
/me (the only way to get one), written as 'address:password' lines for mailbench.py.
Tokens come from a password-grant client added to the dev Keycloak, as docs/bench/relay-bench.sh does.

  python3 docs/bench/imap-bench-users.py --http 8080 --keycloak http://127.0.0.1:8180/auth --count 20 --out users.txt
"""
import argparse, json, urllib.error, urllib.parse, urllib.request

p = argparse.ArgumentParser()
p.add_argument("--http", default="8080")
p.add_argument("--keycloak", default="http://127.0.0.1:8180/auth")
p.add_argument("--domain", default="hopital-demo.mssante.fr")
p.add_argument("--owner", default="899900000001")
p.add_argument("--prefix", default="bench")
p.add_argument("--count", type=int, default=20)
p.add_argument("--out", required=True)
a = p.parse_args()
REALM, CLIENT = "mssante", "imap-bench-password-grant"


def call(method, url, body=None, token=None, form=False, ok=(200, 201, 204)):
    data, headers = None, {}
    if body is not None:
        if form:
            data, headers["Content-Type"] = urllib.parse.urlencode(body).encode(), "application/x-www-form-urlencoded"
        else:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
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


def admin(method, path, body=None):
    tok = call("POST", f"{a.keycloak}/realms/master/protocol/openid-connect/token",
               {"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": "admin"},
               form=True)[1]["access_token"]
    return call(method, f"{a.keycloak}/admin/realms/{REALM}{path}", body, tok)[1]


def mapper(name, kind, config):
    return {"name": name, "protocol": "openid-connect", "protocolMapper": kind, "config": config}


if not admin("GET", f"/clients?clientId={CLIENT}"):
    audience = lambda aud: mapper("audience " + aud, "oidc-audience-mapper",
                                  {"included.client.audience": aud, "access.token.claim": "true", "id.token.claim": "false"})
    attribute = lambda attr: mapper(attr, "oidc-usermodel-attribute-mapper",
                                    {"user.attribute": attr, "claim.name": attr, "jsonType.label": "String",
                                     "access.token.claim": "true", "id.token.claim": "true", "userinfo.token.claim": "true"})
    admin("POST", "/clients", {"clientId": CLIENT, "publicClient": True, "directAccessGrantsEnabled": True,
                               "standardFlowEnabled": False,
                               "protocolMappers": [audience("mssante-api"), audience("mssante-mail"),
                                                   attribute("rpps"), attribute("finess")]})

found = admin("GET", f"/users?exact=true&username={a.owner}")
if not found:
    admin("POST", "/users", {"username": a.owner, "enabled": True, "firstName": "Bench", "lastName": a.owner,
                             "email": f"{a.owner}@professionnel.invalid", "emailVerified": True,
                             "attributes": {"rpps": [a.owner]}})
    found = admin("GET", f"/users?exact=true&username={a.owner}")
uid = found[0]["id"]
admin("PUT", f"/users/{uid}/reset-password", {"type": "password", "value": "Bench-Practitioner-2026", "temporary": False})
admin("POST", f"/users/{uid}/role-mappings/realm", [admin("GET", "/roles/practitioner")])


def token(user, password):
    return call("POST", f"{a.keycloak}/realms/{REALM}/protocol/openid-connect/token",
                {"grant_type": "password", "client_id": CLIENT, "username": user, "password": password, "scope": "openid"},
                form=True)[1]["access_token"]


operator = token("operator", "Demo-Operator-2026")
practitioner = token(a.owner, "Bench-Practitioner-2026")
lines = []
for i in range(1, a.count + 1):
    address = f"{a.prefix}{i:03d}@{a.domain}"
    call("POST", f"http://127.0.0.1:{a.http}/api/v1/mailboxes",
         {"address": address, "type": "PER", "displayName": f"Bench {i:03d}", "ownerNationalId": a.owner},
         operator, ok=(201, 409))
    _, created = call("POST", f"http://127.0.0.1:{a.http}/api/v1/me/mailboxes/{address}/app-passwords",
                      {"name": "imap-bench"}, practitioner, ok=(201,))
    lines.append(f"{address}:{created['password']}")
with open(a.out, "w") as f:
    f.write("\n".join(lines) + "\n")
