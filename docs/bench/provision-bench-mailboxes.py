#!/usr/bin/env python3
"""Bench mailboxes on a running `./mssante run`: PER mailboxes created by the operator administrator over the
admin REST API, owned by a bench practitioner who creates their app passwords through /me (the only way to
get one), written as `address:password` lines for mailbench.py's --users-file.

Same provisioning as relay-bench.sh's, for one operator and any port block:
    docs/bench/provision-bench-mailboxes.py --http 18080 --keycloak 18180 --count 22 --out /tmp/bench-users.txt
Tokens come from a password-grant client added to the dev Keycloak for the benchmark (the realm files have
no such client), as the integration tests' KeycloakClient does.
"""
import argparse, json, sys, urllib.error, urllib.parse, urllib.request

p = argparse.ArgumentParser()
p.add_argument("--http", type=int, default=8080)
p.add_argument("--keycloak", type=int, default=8180)
p.add_argument("--domain", default="hopital-demo.mssante.fr")
p.add_argument("--count", type=int, default=22, help="20 bench mailboxes + mailbench's 2 latency probes")
p.add_argument("--owner", default="899900000001")
p.add_argument("--out", required=True)
a = p.parse_args()
kc = f"http://127.0.0.1:{a.keycloak}/auth"
REALM, CLIENT = "mssante", "delivery-bench-password-grant"


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
    tok = call("POST", f"{kc}/realms/master/protocol/openid-connect/token",
               {"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": "admin"},
               form=True)[1]["access_token"]
    return call(method, f"{kc}/admin/realms/{REALM}{path}", body, tok)[1]


def audience(aud):
    return {"name": "audience " + aud, "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
            "config": {"included.client.audience": aud, "access.token.claim": "true", "id.token.claim": "false"}}


def attribute(attr):
    return {"name": attr, "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-attribute-mapper",
            "config": {"user.attribute": attr, "claim.name": attr, "jsonType.label": "String",
                       "access.token.claim": "true", "id.token.claim": "true", "userinfo.token.claim": "true"}}


if not admin("GET", f"/clients?clientId={CLIENT}"):
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
    return call("POST", f"{kc}/realms/{REALM}/protocol/openid-connect/token",
                {"grant_type": "password", "client_id": CLIENT, "username": user, "password": password,
                 "scope": "openid"}, form=True)[1]["access_token"]


operator = token("operator", "Demo-Operator-2026")
practitioner = token(a.owner, "Bench-Practitioner-2026")
lines = []
for i in range(1, a.count + 1):
    address = f"bench{i:03d}@{a.domain}"
    call("POST", f"http://127.0.0.1:{a.http}/api/v1/mailboxes",
         {"address": address, "type": "PER", "displayName": f"Bench {i:03d}", "ownerNationalId": a.owner},
         operator, ok=(201, 409))
    _, created = call("POST", f"http://127.0.0.1:{a.http}/api/v1/me/mailboxes/{address}/app-passwords",
                      {"name": "delivery-bench"}, practitioner)
    lines.append(f"{address}:{created['password']}")
with open(a.out, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"{a.count} mailboxes on 127.0.0.1:{a.http} -> {a.out}", file=sys.stderr)
