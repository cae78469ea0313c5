#!/usr/bin/env bash
# Relay between two operators: our platform A -> B beside Postfix -> Postfix (Debian), same load, same tool.
#
#   docs/bench/relay-bench.sh anchor-up     receiving anchor (Postfix 2525 -> Dovecot IMAP 2143) + a sending Postfix (2587)
#   docs/bench/relay-bench.sh platform-up   clone main, merge this branch, package, ./mssante run (A) and ./mssante peer (B),
#                                           bench mailboxes and app passwords over REST
#   docs/bench/relay-bench.sh run           warm-up, then REPEATS x (anchor run, platform run), JSON lines to $OUT
#   docs/bench/relay-bench.sh down          stop everything this script started (only its own instances;
#                                           platform-down / anchor-down: one pair)
#   docs/bench/relay-bench.sh anchor-relay-concurrency 20   context: Postfix's default per-destination concurrency
#   docs/bench/relay-bench.sh platform-start  start A and B as built (no pull, no build, no mailboxes), e.g. with
#                                           MSSANTE_RELAY_MAX_CONNECTIONS_PER_DESTINATION=20 in the environment
#   docs/bench/relay-bench.sh table         the BENCHMARKS.md table (medians, ratios, CPU split) from $OUT
#   docs/bench/relay-bench.sh all           anchor-up, platform-up, run, down
#
# Run as root (Postfix and Dovecot are installed from Debian and started by docs/bench/anchor/anchor-setup.sh).
# Environment (defaults in brackets):
#   BENCH_DIR [/tmp/relaybench]: runtime state: anchor/, anchor-sender/, tls/, users files, logs
#   PLATFORM_DIR [$BENCH_DIR/platform]: a clone of MAIN_REPO [/work/main] + this branch, built with `package` (see build_platform)
#   N [1000] messages per run, C [8] connections, SIZE [20000] bytes, REPEATS [3], WARMUP_N [200] (0: none)
#   SIDES ["anchor platform"]: which pairs `run` measures; NSENDERS [20] NRCPTS [20] (+2 latency probe mailboxes)
#   OUT [docs/bench/relay-<date>.jsonl], WARMUP_OUT [docs/bench/relay-<date>-warmup.jsonl]
#   OBSERVE [light]: how often the harness polls the receiving side (light: 10x less than mailbench's default)
#
# What is measured (both pairs, one identical mailbench command apart from ports and users):
#   mailbench --SMTP STARTTLS+AUTH--> sending server --relay, mutual TLS--> receiving server --> mailbox,
#   then the harness polls the recipients' INBOX over IMAP STARTTLS on the receiving server until every
#   message is there: e2e msg/s = messages / (last one visible - first MAIL FROM). 1 recipient per message
#   (the relay makes one transaction per domain), C=8, 20 KB, 10 messages per client connection.
#   Server CPU = the process trees of both sides: WildFly A + B and their PostgreSQL; Postfix x2 + Dovecot.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
ANCHOR_SCRIPTS="$HERE/anchor"   # anchor-setup.sh / anchor-stop.sh, copied from the shared bench folder
MAILBENCH="$HERE/mailbench.py"   # ../shared/bench/mailbench.py + --sender-users-file, --client-cert (see its docstring)
BENCH_DIR="${BENCH_DIR:-/tmp/relaybench}"
PLATFORM_DIR="${PLATFORM_DIR:-$BENCH_DIR/platform}"
MAIN_REPO="${MAIN_REPO:-/work/main}"
N="${N:-1000}"; C="${C:-8}"; SIZE="${SIZE:-20000}"; REPEATS="${REPEATS:-3}"; WARMUP_N="${WARMUP_N:-200}"
SIDES="${SIDES:-anchor platform}"
# How hard the harness watches the receiving side: its defaults (NOOP every 10 ms on 2 probe mailboxes,
# STATUS sweeps every 50 ms) cost our idle IMAP server ~0.7 and ~0.5 core on their own (Dovecot ~0.1 and
# 0.2; imap-observation-cost.py); OBSERVE=default keeps them, "light" polls 10x less. Both were measured
# (BENCHMARKS.md): inside the runs the rate and CPU per message came out the same.
OBSERVE_MODE="${OBSERVE:-light}"
case "$OBSERVE_MODE" in
  light) OBSERVE="--probe-interval 0.1 --poll-interval 0.5" ;;
  default) OBSERVE="" ;;
  *) echo "OBSERVE is light or default" >&2; exit 2 ;;
esac
NSENDERS="${NSENDERS:-20}"; NRCPTS="${NRCPTS:-20}"
DAY="$(date -u +%Y-%m-%d)"
OUT="${OUT:-$HERE/relay-$DAY.jsonl}"
WARMUP_OUT="${WARMUP_OUT:-$HERE/relay-$DAY-warmup.jsonl}"

# Anchor pair
ANCHOR_DIR="$BENCH_DIR/anchor"                 # receiving Postfix + Dovecot (the standard anchor)
SENDER_DIR="$BENCH_DIR/anchor-sender"          # sending Postfix
TLS_DIR="$BENCH_DIR/tls"                       # bench CA + the two operators' certificates
RCPT_DOMAIN=hopital-test.mssante.fr            # the anchor's domain
SENDER_DOMAIN=emetteur-test.mssante.fr         # the sending Postfix's users
RELAY_PORT=2525; ANCHOR_IMAP_PORT=2143; SENDER_SUBMISSION_PORT=2587
# The MSSante TLS 1.2 suites (OpenSSL names of mail-connector's OperatorTls list); TLS 1.3 allowed too, as ours.
TLS12_SUITES="ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA256"

# Platform pair (./mssante run = A, ./mssante peer = B; ports from the README)
A_DOMAIN=hopital-demo.mssante.fr; A_HTTP=8080; A_SUBMISSION=10587
B_DOMAIN=peer.mssante-test.fr;    B_HTTP=8280; B_IMAP=11143
KEYCLOAK=http://127.0.0.1:8180/auth
# Bench practitioners owning the bench PER mailboxes (8 + 11 digits: RPPS form); their app passwords come from /me.
A_OWNER=899900000001; B_OWNER=899900000002

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root"
mkdir -p "$BENCH_DIR/log"

# ------------------------------------------------------------------------------------------ anchor pair

make_certs() {
  [ -s "$TLS_DIR/sender.pem" ] && return 0
  mkdir -p "$TLS_DIR"
  openssl req -x509 -newkey rsa:3072 -nodes -days 30 -subj "/CN=Relay bench CA/O=MSSante bench/C=FR" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$TLS_DIR/ca.key" -out "$TLS_DIR/ca.pem" 2>/dev/null
  # One operator certificate per side, RSA-3072 like the dev CA's (DevCertificates), usable as server and client.
  local name cn
  for name in receiver sender; do
    if [ "$name" = receiver ]; then cn="mx.$RCPT_DOMAIN"; else cn="mx.$SENDER_DOMAIN"; fi
    openssl req -newkey rsa:3072 -nodes -subj "/CN=$cn/O=MSSante bench/C=FR" \
      -keyout "$TLS_DIR/$name.key" -out "$TLS_DIR/$name.csr" 2>/dev/null
    printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\n' \
      "$cn" > "$TLS_DIR/$name.ext"
    openssl x509 -req -in "$TLS_DIR/$name.csr" -CA "$TLS_DIR/ca.pem" -CAkey "$TLS_DIR/ca.key" -CAcreateserial \
      -days 30 -extfile "$TLS_DIR/$name.ext" -out "$TLS_DIR/$name.pem" 2>/dev/null
    chmod 600 "$TLS_DIR/$name.key"
  done
}

anchor_up() {
  make_certs
  log "receiving anchor: $ANCHOR_SCRIPTS/anchor-setup.sh (domain $RCPT_DOMAIN, $((NRCPTS + 2)) mailboxes)"
  ANCHOR_DIR="$ANCHOR_DIR" DOMAIN="$RCPT_DOMAIN" NUSERS=$((NRCPTS + 2)) SMTP_PORT=$RELAY_PORT \
    IMAP_PORT=$ANCHOR_IMAP_PORT RESET=1 "$ANCHOR_SCRIPTS/anchor-setup.sh" >&2
  cp "$ANCHOR_DIR/users.txt" "$BENCH_DIR/anchor-rcpts.txt"

  # Receiving side as an MSSante MX for operators: TLS required, a client certificate of the trusted CA
  # required, and that certificate must be the one declared for the sending operator (the platform checks
  # the subject against the whitelist; Postfix's equivalent is a fingerprint list).
  local pc=(postconf -c "$ANCHOR_DIR/postfix/etc" -e)
  local fp; fp="$(openssl x509 -noout -fingerprint -sha256 -in "$TLS_DIR/sender.pem" | cut -d= -f2)"
  echo "$fp mx.$SENDER_DOMAIN" > "$ANCHOR_DIR/postfix/etc/operator_certs"
  "${pc[@]}" "smtpd_tls_security_level = encrypt" "smtpd_tls_ask_ccert = yes" "smtpd_tls_req_ccert = yes" \
    "smtpd_tls_CAfile = $TLS_DIR/ca.pem" "smtpd_tls_cert_file = $TLS_DIR/receiver.pem" \
    "smtpd_tls_key_file = $TLS_DIR/receiver.key" "smtpd_tls_mandatory_ciphers = high" \
    "tls_high_cipherlist = $TLS12_SUITES" "smtpd_tls_fingerprint_digest = sha256" \
    "relay_clientcerts = texthash:$ANCHOR_DIR/postfix/etc/operator_certs" \
    "smtpd_client_restrictions = permit_tls_clientcerts, reject"
  postfix -c "$ANCHOR_DIR/postfix/etc" reload >&2

  # Sender accounts (SASL through the anchor's Dovecot, like a Debian Postfix+Dovecot submission server).
  : > "$BENCH_DIR/anchor-senders.txt"
  local i a
  for i in $(seq 1 "$NSENDERS"); do
    a="$(printf 'sender%03d' "$i")@$SENDER_DOMAIN"
    echo "$a:Pw-$a" >> "$BENCH_DIR/anchor-senders.txt"
    echo "$a:{PLAIN}Pw-$a::::::" >> "$ANCHOR_DIR/dovecot/users"
  done
  cat "$HERE/relay-anchor/dovecot-sasl.conf.snippet" >> "$ANCHOR_DIR/dovecot/dovecot.conf"
  doveadm -c "$ANCHOR_DIR/dovecot/dovecot.conf" reload
  for i in $(seq 1 50); do [ -S "$ANCHOR_DIR/dovecot/run/auth-bench-submission" ] && break; sleep 0.2; done
  [ -S "$ANCHOR_DIR/dovecot/run/auth-bench-submission" ] || die "Dovecot SASL socket missing (see $ANCHOR_DIR/log)"

  log "sending Postfix: 127.0.0.1:$SENDER_SUBMISSION_PORT -> [127.0.0.1]:$RELAY_PORT over mutual TLS"
  postfix -c "$SENDER_DIR/etc" status >/dev/null 2>&1 && postfix -c "$SENDER_DIR/etc" stop >&2
  rm -rf "$SENDER_DIR"
  mkdir -p "$SENDER_DIR"/{etc,spool,data,log,tls}
  chown postfix:postfix "$SENDER_DIR/data"
  cp "$TLS_DIR/ca.pem" "$TLS_DIR/sender.pem" "$TLS_DIR/sender.key" "$SENDER_DIR/tls/"
  local subst=(-e "s#@DIR@#$SENDER_DIR#g" -e "s#@SENDER_DOMAIN@#$SENDER_DOMAIN#g"
               -e "s#@SASL_SOCKET@#$ANCHOR_DIR/dovecot/run/auth-bench-submission#g"
               -e "s#@TLS12_SUITES@#$TLS12_SUITES#g" -e "s#@SUBMISSION_PORT@#$SENDER_SUBMISSION_PORT#g")
  sed "${subst[@]}" "$HERE/relay-anchor/sender-main.cf.tmpl" > "$SENDER_DIR/etc/main.cf"
  sed "${subst[@]}" "$HERE/relay-anchor/sender-master.cf.tmpl" > "$SENDER_DIR/etc/master.cf"
  echo "$RCPT_DOMAIN smtp:[127.0.0.1]:$RELAY_PORT" > "$SENDER_DIR/etc/transport"
  echo "[127.0.0.1]:$RELAY_PORT secure match=mx.$RCPT_DOMAIN" > "$SENDER_DIR/etc/tls_policy"
  cut -d: -f1 "$BENCH_DIR/anchor-senders.txt" | awk '{print $1, $1}' > "$SENDER_DIR/etc/sender_logins"
  postfix -c "$SENDER_DIR/etc" check
  postfix -c "$SENDER_DIR/etc" start </dev/null >>"$SENDER_DIR/log/start.log" 2>&1
  for i in $(seq 1 50); do ss -ltn | grep -q "127.0.0.1:$SENDER_SUBMISSION_PORT " && break; sleep 0.2; done
  ss -ltn | grep -q "127.0.0.1:$SENDER_SUBMISSION_PORT " || die "sending Postfix not listening (see $SENDER_DIR/log)"
}

anchor_pids() {
  local f pids=()
  for f in "$ANCHOR_DIR/postfix/spool/pid/master.pid" "$SENDER_DIR/spool/pid/master.pid" "$ANCHOR_DIR/dovecot/run/master.pid"; do
    [ -s "$f" ] || die "no pid file $f: is the anchor pair up?"
    pids+=("$(tr -d ' \n' < "$f")")
  done
  (IFS=,; echo "${pids[*]}")
}

anchor_down() {
  [ -f "$SENDER_DIR/etc/main.cf" ] && { postfix -c "$SENDER_DIR/etc" status >/dev/null 2>&1 && postfix -c "$SENDER_DIR/etc" stop >&2 || true; }
  ANCHOR_DIR="$ANCHOR_DIR" "$ANCHOR_SCRIPTS/anchor-stop.sh" >&2 || true
}

# ---------------------------------------------------------------------------------------- platform pair

# ./mssante build runs `./mvnw install`, which writes the modules into the shared ~/.m2. `package` in the
# reactor produces the same three things ./mssante run/peer start from (ear/target/mssante.ear,
# wildfly-config/target/server, wildfly-config/target/launcher.classpath), offline, and writes nowhere else.
build_platform() {
  if [ ! -d "$PLATFORM_DIR/.git" ]; then
    log "cloning $MAIN_REPO into $PLATFORM_DIR"
    git clone -q "$MAIN_REPO" "$PLATFORM_DIR"
  else
    git -C "$PLATFORM_DIR" pull -q --no-rebase --no-edit "$MAIN_REPO" HEAD
  fi
  # Measured code = main + this branch (the benchmark's files, and the ./mssante peer start-up fix that
  # came with it), so the numbers belong to what the lead merges.
  git -C "$PLATFORM_DIR" pull -q --no-rebase --no-edit "$REPO" HEAD
  local head; head="$(git -C "$PLATFORM_DIR" rev-parse HEAD)"
  if [ "$(cat "$BENCH_DIR/built-commit" 2>/dev/null)" != "$head" ]; then
    log "building $(git -C "$PLATFORM_DIR" log --oneline -1) (package, offline, tests skipped)"
    (cd "$PLATFORM_DIR" && ./mvnw -o -q -B -DskipTests -Dmaven.test.skip.exec=true package) > "$BENCH_DIR/log/build.log" 2>&1 \
      || die "build failed, see $BENCH_DIR/log/build.log"
    echo "$head" > "$BENCH_DIR/built-commit"
  fi
  # The same staleness test as ./mssante: if it thought a rebuild was needed it would `install`.
  local ear="$PLATFORM_DIR/ear/target/mssante.ear"
  if [ -n "$(cd "$PLATFORM_DIR" && find pom.xml */pom.xml mail-connector/*/pom.xml */src mail-connector/*/src wildfly-config/src \
        -newer "$ear" -type f -print -quit 2>/dev/null)" ]; then
    touch "$ear"
  fi
}

launcher_pid() {  # $1 = "" (operator A) or "peer"
  local p
  for p in $(pgrep -f "fr.mssante.devstack.Launcher $PLATFORM_DIR" || true); do
    if [ "$1" = peer ]; then grep -qa 'peer' "/proc/$p/cmdline" && { echo "$p"; return; }
    else tr '\0' ' ' < "/proc/$p/cmdline" | grep -q " peer *$" || { echo "$p"; return; }; fi
  done
}

start_platform() {  # $1 = run|peer, $2 = text printed when up
  local logf="$BENCH_DIR/log/platform-$1.log" i
  if [ -n "$(launcher_pid "$([ "$1" = peer ] && echo peer)")" ]; then log "./mssante $1 already running"; return; fi
  log "./mssante $1 (log $logf)"
  (cd "$PLATFORM_DIR" && setsid nohup ./mssante "$1" > "$logf" 2>&1 < /dev/null &)
  for i in $(seq 1 600); do
    grep -q "$2" "$logf" 2>/dev/null && { log "./mssante $1 is up"; return; }
    grep -qE "^Exception|BUILD FAILURE|failed to start" "$logf" 2>/dev/null && break
    [ -z "$(launcher_pid "$([ "$1" = peer ] && echo peer)")" ] && [ "$i" -gt 10 ] && break
    sleep 1
  done
  tail -40 "$logf" >&2
  die "./mssante $1 did not come up"
}

platform_up() {
  build_platform
  start_platform run "MSSanté platform is up"
  start_platform peer "Peer operator is up"
  provision_platform
}

# Bench mailboxes over the admin REST API: PER mailboxes created by the operator administrator on each
# side, owned by a bench practitioner who then creates their app passwords through /me (provision-mailboxes.py).
provision_platform() {
  log "bench mailboxes: $NSENDERS senders on A ($A_DOMAIN), $((NRCPTS + 2)) recipients on B ($B_DOMAIN)"
  python3 "$HERE/provision-mailboxes.py" --keycloak "$KEYCLOAK" --http-port "$A_HTTP" --domain "$A_DOMAIN" \
    --prefix bench-s --count "$NSENDERS" --owner "$A_OWNER" --out "$BENCH_DIR/platform-senders.txt"
  python3 "$HERE/provision-mailboxes.py" --keycloak "$KEYCLOAK" --http-port "$B_HTTP" --domain "$B_DOMAIN" \
    --prefix bench-r --count $((NRCPTS + 2)) --owner "$B_OWNER" --out "$BENCH_DIR/platform-rcpts.txt"
}

platform_pids() {
  local wa wb pa pb
  wa="$(pgrep -f "jboss-modules.jar.*$PLATFORM_DIR/.run/wildfly" | head -1 || true)"
  wb="$(pgrep -f "jboss-modules.jar.*$PLATFORM_DIR/.run/peer/wildfly" | head -1 || true)"
  pa="$(pgrep -f "postgres -D $PLATFORM_DIR/.run/pgdata" | head -1 || true)"
  pb="$(pgrep -f "postgres -D $PLATFORM_DIR/.run/peer/pgdata" | head -1 || true)"
  [ -n "$wa" ] && [ -n "$wb" ] && [ -n "$pa" ] && [ -n "$pb" ] || die "platform processes not found (WildFly A=$wa B=$wb, PostgreSQL A=$pa B=$pb)"
  echo "$wa,$wb,$pa,$pb"
}

platform_down() {
  local which p i
  for which in peer ""; do   # B first: A owns the shared Keycloak
    p="$(launcher_pid "$which")"
    [ -z "$p" ] && continue
    log "SIGTERM to the Launcher ${which:-run} (pid $p)"
    kill -TERM "$p"
    for i in $(seq 1 120); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
    if kill -0 "$p" 2>/dev/null; then log "WARNING: Launcher $p still alive after 120 s"; fi
  done
}

# ----------------------------------------------------------------------------------------------- runs

bench() {  # $1 = side, $2 = label, $3 = count, $4 = seed, $5 = json out
  local side="$1" pids common=(-n "$3" -c "$C" --size "$SIZE" --min-rcpt 1 --max-rcpt 1 --starttls --smtp-auth --imap-starttls
                          --seed "$4" --label "$2" --json-out "$5" --wait-quiet 30 --quiet-cores 0.5
                          --max-seconds 900 --e2e-timeout 900 $OBSERVE)
  if [ "$side" = anchor ]; then pids="$(anchor_pids)"; else pids="$(platform_pids)"; fi
  if [ "$side" = anchor ]; then
    python3 "$MAILBENCH" smtp "${common[@]}" --host 127.0.0.1 --smtp-port "$SENDER_SUBMISSION_PORT" \
      --imap-port "$ANCHOR_IMAP_PORT" --domain "$RCPT_DOMAIN" --users-file "$BENCH_DIR/anchor-rcpts.txt" \
      --sender-users-file "$BENCH_DIR/anchor-senders.txt" --server-pids "$pids"
  else
    python3 "$MAILBENCH" smtp "${common[@]}" --host 127.0.0.1 --smtp-port "$A_SUBMISSION" \
      --imap-port "$B_IMAP" --domain "$B_DOMAIN" --users-file "$BENCH_DIR/platform-rcpts.txt" \
      --sender-users-file "$BENCH_DIR/platform-senders.txt" --cafile "$PLATFORM_DIR/.run/tls/ca.pem" \
      --server-pids "$pids"
  fi
}

# CPU seconds of each server process tree (as mailbench counts them: utime+stime+cutime+cstime of the root
# and its descendants), as JSON {"pid": seconds}: taken around each run to split the total by server.
tree_cpu() {
  python3 - "$1" <<'PY'
import os, sys, json
tck = os.sysconf("SC_CLK_TCK"); table = {}
for d in os.listdir("/proc"):
    if d.isdigit():
        try:
            data = open(f"/proc/{d}/stat").read()
        except OSError:
            continue
        rest = data[data.rindex(")") + 2:].split()
        table[int(d)] = (int(rest[1]), sum(int(x) for x in rest[11:15]))
children = {}
for pid, (ppid, _) in table.items():
    children.setdefault(ppid, []).append(pid)
out = {}
for root in map(int, sys.argv[1].split(",")):
    seen, stack = set(), [root] if root in table else []
    while stack:
        p = stack.pop()
        if p not in seen:
            seen.add(p); stack.extend(children.get(p, []))
    out[str(root)] = round(sum(table[p][1] for p in seen) / tck, 2)
print(json.dumps(out))
PY
}

label_of() {
  if [ "$1" = anchor ]; then
    # Tagged when the sending Postfix's per-destination concurrency is not the platform's default (4).
    local dest; dest="$(postconf -c "$SENDER_DIR/etc" -h smtp_destination_concurrency_limit)"
    echo "postfix-relay-20KB-c$C$([ "$dest" = 4 ] || echo "-dest$dest")$([ "$OBSERVE_MODE" = light ] && echo -lightpoll)"
  else
    # Tagged when A was started with another per-destination limit (MSSANTE_RELAY_MAX_CONNECTIONS_PER_DESTINATION).
    local dest; dest="$(tr '\0' '\n' < "/proc/$(pgrep -f "jboss-modules.jar.*$PLATFORM_DIR/.run/wildfly" | head -1)/environ" \
      | sed -n 's/^MSSANTE_RELAY_MAX_CONNECTIONS_PER_DESTINATION=//p')"
    echo "mssante-relay-A-to-B-20KB-c$C$([ -z "$dest" ] || [ "$dest" = 4 ] || echo "-dest$dest")$([ "$OBSERVE_MODE" = light ] && echo -lightpoll)"
  fi
}

# Context run: the sending Postfix with another per-destination concurrency (Postfix's own default is 20).
anchor_relay_concurrency() {
  postconf -c "$SENDER_DIR/etc" -e "smtp_destination_concurrency_limit = $1"
  postfix -c "$SENDER_DIR/etc" reload >&2
}

run_all() {
  local side r
  if [ "$WARMUP_N" -gt 0 ]; then
    for side in $SIDES; do log "warm-up $side ($WARMUP_N messages)"; bench "$side" "$(label_of "$side")-warmup" "$WARMUP_N" 99 "$WARMUP_OUT" > /dev/null; done
  fi
  for r in $(seq 1 "$REPEATS"); do
    for side in $SIDES; do
      log "run $r/$REPEATS $side: $N x $SIZE B, C=$C  (load: $(cut -d' ' -f1-3 /proc/loadavg))"
      local pids before; if [ "$side" = anchor ]; then pids="$(anchor_pids)"; else pids="$(platform_pids)"; fi
      before="$(tree_cpu "$pids")"
      bench "$side" "$(label_of "$side")" "$N" "$r" "$OUT" \
        | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; print({k: r.get(k) for k in ("sent_ok","sent_err","smtp_msgs_per_s","e2e_complete","e2e_msgs_per_s","lat_p50_ms","errors_sample")}, "server cores", r.get("cpu_e2e",{}).get("server_cores"))' >&2
      # Per-server split of the CPU (whole bench command, set-up and waits included; the shares are what matter).
      printf '{"label": "%s", "seed": %s, "servers": "%s", "before": %s, "after": %s}\n' \
        "$(label_of "$side")" "$r" "$pids" "$before" "$(tree_cpu "$pids")" >> "${OUT%.jsonl}-cpu-split.jsonl"
    done
  done
  python3 "$MAILBENCH" summarize "$OUT"
}

# The BENCHMARKS.md table from $OUT (+ its -cpu-split file): medians (min-max) per pair, and ours / Postfix.
table() {
  python3 - "$OUT" "${OUT%.jsonl}-cpu-split.jsonl" <<'PY'
import json, statistics, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
labels = list(dict.fromkeys(r["label"] for r in recs if not r["label"].endswith("-warmup")))
ours = next(l for l in labels if l.startswith("mssante-relay"))
postfix = ours.replace("mssante-relay-A-to-B", "postfix-relay")
pairs = [(l, l) for l in labels]
def vals(label, f):
    out = []
    for r in recs:
        if r["label"] == label:
            v = f(r["results"], r["params"])
            if v is not None:
                out.append(v)
    return out
cols = [("e2e delivered msg/s", lambda r, p: r.get("e2e_msgs_per_s")),
        ("SMTP accepted msg/s", lambda r, p: r.get("smtp_msgs_per_s")),
        ("backlog latency p50 / p99 s", None),
        ("server cores", lambda r, p: r["cpu_e2e"]["server_cores"]),
        ("server CPU ms/msg", lambda r, p: r["cpu_e2e"]["server_cpu_s"] * 1000 / r["sent_ok"]),
        ("other cores", lambda r, p: r["cpu_e2e"]["other_cores"]),
        ("errors", lambda r, p: r["sent_err"] + (0 if r.get("e2e_complete") else 1))]
def cell(v):
    if not v: return "-"
    m = statistics.median(v)
    return f"{m:.3g}" if len(v) == 1 or min(v) == max(v) else f"{m:.3g} ({min(v):.3g}-{max(v):.3g})"
print("| pair | runs | " + " | ".join(c for c, _ in cols) + " |")
print("|---" * (len(cols) + 2) + "|")
med = {}
for prefix, name in pairs:
    n = len(vals(prefix, lambda r, p: 1))
    cells = []
    for c, f in cols:
        if f is None:
            p50, p99 = vals(prefix, lambda r, p: r.get("lat_p50_ms")), vals(prefix, lambda r, p: r.get("lat_p99_ms"))
            cells.append(f"{statistics.median(p50) / 1000:.2f} / {statistics.median(p99) / 1000:.2f}" if p50 and p99 else "-")
        else:
            v = vals(prefix, f); cells.append(cell(v)); med[(prefix, c)] = statistics.median(v) if v else None
    print(f"| {name} | {n} | " + " | ".join(cells) + " |")
def ratio(c):
    a, b = med.get((ours, c)), med.get((postfix, c))
    return f"{a / b:.2f}" if a and b else "-"
print(f"\nours / Postfix: e2e msg/s {ratio('e2e delivered msg/s')}, SMTP accepted msg/s {ratio('SMTP accepted msg/s')}, "
      f"server CPU ms/msg {ratio('server CPU ms/msg')}")
try:
    split = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
except OSError:
    split = []
for prefix, name in pairs:
    rows = [r for r in split if r["label"] == prefix]
    if not rows: continue
    shares = {}
    for r in rows:
        used = {k: r["after"][k] - r["before"].get(k, 0) for k in r["after"]}
        total = sum(used.values()) or 1
        for i, k in enumerate(r["servers"].split(",")):
            shares.setdefault(i, []).append(used.get(k, 0) / total)
    print(f"{name}: CPU shares by server root (in --server-pids order): "
          + ", ".join(f"{statistics.median(v) * 100:.0f} %" for _, v in sorted(shares.items())))
PY
}

case "${1:-}" in
  anchor-up) anchor_up ;;
  platform-up) platform_up ;;
  provision) provision_platform ;;
  run) run_all ;;
  table) table ;;
  anchor-relay-concurrency) anchor_relay_concurrency "$2" ;;
  platform-down) platform_down ;;
  platform-start) start_platform run "MSSanté platform is up"; start_platform peer "Peer operator is up" ;;
  anchor-down) anchor_down ;;
  down) platform_down; anchor_down ;;
  all) anchor_up; platform_up; run_all; platform_down; anchor_down ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
