#!/usr/bin/env bash
# The issue-11 table in one run: this platform beside the anchor (Postfix 3.7 + Dovecot 2.3 from Debian),
# same machine, same load generator, same mailboxes, runs alternating between the two systems.
#
#   docs/bench/perf-table.sh            = all: up, run, table, then down (also on failure or Ctrl-C)
#   docs/bench/perf-table.sh up         anchor (docs/bench/anchor/anchor-setup.sh) + ./mssante run + bench mailboxes
#   docs/bench/perf-table.sh run        the measurements (both systems up), JSON lines to $RESULTS_DIR/results.jsonl
#   docs/bench/perf-table.sh table      the markdown table from $RESULTS_DIR/results.jsonl (also in table.md)
#   docs/bench/perf-table.sh down       stop what `up` started (the anchor's daemons, the platform's launcher)
#
# From a built tree, without Maven writing anywhere else:  ./mvnw -o -q -DskipTests package  (the script
# refuses to start when the EAR is missing or older than a source: ./mssante run would then `install`).
# Run as root (the anchor installs and starts Debian's Postfix and Dovecot). Python 3 stdlib, openssl, jcmd/jfr.
#
# Environment (defaults in brackets):
#   RESULTS_DIR [target/perf-table/<UTC time>, then target/perf-table/latest]  REPEATS [3]  PHASES ["imap mixed smtp paced"]
#   WAIT_QUIET [60]: seconds each run may wait for an idle machine (mailbench --wait-quiet)
#   N [5000] messages per SMTP run   CONC ["8 32"] SMTP connections   N_PACED [2000] at RATE [100] msg/s
#   SESSIONS [400] IMAP read sessions per run at C=8   MIXED_N [20000] commands, MIXED_SECONDS [60],
#   MIXED_CLIENTS [10] on MIXED_MAILBOXES [10]   MAILBOXES [20] per system (the last 2: latency probes)
#   N_POPULATE [(MAILBOXES-2) x 50: ~100 messages per mailbox at 2 recipients per message on average]
#   OBSERVE [light]: unpaced SMTP runs poll the mailboxes 10x less than mailbench's default (its polling
#     alone costs our IMAP server up to a core; relay-bench.sh); `default` keeps mailbench's. Paced runs
#     always use the default (10 ms NOOP probes: the latency resolution).
#   PACED_POLL [mailbench's 0.05]: seconds between the paced runs' STATUS sweeps over every mailbox (the
#     completion check). At 0.05 the sweeps and probes are ~460 IMAP commands/s, which cost a server with a
#     high per-command cost a core; 0.5 leaves the latency probes (NOOP every 10 ms) as they are.
#   WARMUP [1]: before each block, unmeasured runs of its workloads on both systems (warmup.jsonl): the JVM's
#     JIT needs thousands of messages and sessions to reach steady state (on a slower machine instance a
#     cold platform measured half its warm rate), and a mail server is measured warm, as it runs.
#     N_WARMUP [3 x N] messages per SMTP warm-up run (one at C=32, then one of N at C=8), SESSIONS_WARMUP
#     [3 x SESSIONS] sessions per IMAP warm-up run (plain, STARTTLS) and one mixed run. 0 = cold, as before.
#   PROFILE [0]: 1 = after the measured runs of the SMTP and IMAP blocks, one more run of ours under JFR
#     (jcmd JFR.start/stop, settings=profile) per profiled workload, summarized by jfr-top.py into
#     $RESULTS_DIR/profile-<workload>.md (those runs go to profile.jsonl, not into the table).
#   Anchor: ANCHOR_DIR [/tmp/perf-table-anchor] ANCHOR_SMTP_PORT [2525] ANCHOR_IMAP_PORT [2143] ANCHOR_LMTP_PORT [2424]
#   Ours: the ./mssante ports MSSANTE_HTTP_PORT [8080] MSSANTE_SMTP_PORT [10025] MSSANTE_IMAP_PORT [10143]
#     MSSANTE_KEYCLOAK_PORT [8180] and the others (MANAGEMENT, DB, SUBMISSION, SMTPS, IMAPS, WHITELIST) as
#     the Launcher reads them; MSSANTE_WILDFLY_PORT_OFFSET [0] moves WildFly's remaining ports (HTTPS 8443,
#     IIOP 3528, ...) when another checkout's platform runs on the machine.
#
# What runs, for both systems ("anchor" and "ours"), labels <system>:<workload>:
#   populate   once per system before the IMAP block: N_POPULATE x 20 KB messages, 1-3 recipients.
#   imap       REPEATS x {imap-plain-c8, imap-tls-c8}: mailbench imap, SESSIONS sessions, C=8.
#   mixed      REPEATS x imapmixed.py, MIXED_CLIENTS clients on the first MIXED_MAILBOXES mailboxes.
#   smtp       REPEATS x {smtp-20KB-c<C> for C in CONC}: N x 20 KB, 1-3 recipients, end to end.
#   paced      REPEATS x paced<RATE>-20KB-c8: N_PACED messages at RATE msg/s (latency below saturation).
# The IMAP block (populate, imap, mixed) runs before the SMTP block so each mailbox holds ~100 messages
# while it is read (the SMTP runs add thousands). Within a block the repeats are the outer loop and the
# system order alternates each repeat (anchor first on odd repeats), so a burst of unrelated load on the
# machine hits both systems alike; every run waits (bounded) for an idle machine first (--wait-quiet).
#
# SMTP is sent the same way to both: STARTTLS, senders of the other operator's domain
# (peer.mssante-test.fr), a client certificate of that operator. Our MX accepts mail only from an
# operator of the trust space (ADR 0017): the dev whitelist declares CN=mx.peer.mssante-test.fr for that
# domain, and the certificate is issued here by the platform's dev CA (.run/tls). Postfix does not ask
# for a client certificate, so it does not see it. IMAP "plain" is LOGIN without TLS on both: ours is
# started with MSSANTE_AUTH_ALLOW_PLAINTEXT=true for that (the anchor's Dovecot allows it too).
# Server CPU: Postfix + Dovecot process trees; WildFly + PostgreSQL (not Keycloak: no mail path uses it).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PY="${PYTHON:-python3}"

# `all` and `up` start a new results directory (target/perf-table/latest points to it); run, table and
# down use the latest one unless RESULTS_DIR says otherwise.
if [ -z "${RESULTS_DIR:-}" ]; then
  case "${1:-all}" in
    all|up) RESULTS_DIR="$REPO/target/perf-table/$(date -u +%Y%m%dT%H%M%SZ)"
            mkdir -p "$RESULTS_DIR"; ln -sfn "$(basename "$RESULTS_DIR")" "$REPO/target/perf-table/latest" ;;
    *) RESULTS_DIR="$(readlink -f "$REPO/target/perf-table/latest" || true)"
       [ -d "$RESULTS_DIR" ] || { echo "no target/perf-table/latest: give RESULTS_DIR" >&2; exit 2; } ;;
  esac
fi
WAIT_QUIET="${WAIT_QUIET:-60}"
REPEATS="${REPEATS:-3}"; PHASES="${PHASES:-imap mixed smtp paced}"
N="${N:-5000}"; CONC="${CONC:-8 32}"; N_PACED="${N_PACED:-2000}"; RATE="${RATE:-100}"
SESSIONS="${SESSIONS:-400}"; MIXED_N="${MIXED_N:-20000}"; MIXED_SECONDS="${MIXED_SECONDS:-60}"
MIXED_CLIENTS="${MIXED_CLIENTS:-10}"; MIXED_MAILBOXES="${MIXED_MAILBOXES:-10}"
MAILBOXES="${MAILBOXES:-20}"; N_POPULATE="${N_POPULATE:-$(( (MAILBOXES - 2) * 50 ))}"
PROFILE="${PROFILE:-0}"
WARMUP="${WARMUP:-1}"; N_WARMUP="${N_WARMUP:-$(( 3 * N ))}"; SESSIONS_WARMUP="${SESSIONS_WARMUP:-$(( 3 * SESSIONS ))}"
case "${OBSERVE:-light}" in
  light) OBSERVE_FLAGS=(--probe-interval 0.1 --poll-interval 0.5) ;;
  default) OBSERVE_FLAGS=() ;;
  *) echo "OBSERVE is light or default" >&2; exit 2 ;;
esac

export ANCHOR_DIR="${ANCHOR_DIR:-/tmp/perf-table-anchor}"
ANCHOR_SMTP_PORT="${ANCHOR_SMTP_PORT:-2525}"; ANCHOR_IMAP_PORT="${ANCHOR_IMAP_PORT:-2143}"
ANCHOR_LMTP_PORT="${ANCHOR_LMTP_PORT:-2424}"
ANCHOR_DOMAIN=hopital-test.mssante.fr

OURS_DOMAIN=hopital-demo.mssante.fr
HTTP_PORT="${MSSANTE_HTTP_PORT:-8080}"; SMTP_PORT="${MSSANTE_SMTP_PORT:-10025}"
IMAP_PORT="${MSSANTE_IMAP_PORT:-10143}"; KEYCLOAK_PORT="${MSSANTE_KEYCLOAK_PORT:-8180}"
PEER_DOMAIN=peer.mssante-test.fr                       # DevWhitelist.TEST_PEER_DOMAIN
PEER_SUBJECT="/C=FR/O=MSSante dev/CN=mx.peer.mssante-test.fr"   # DevWhitelist.TEST_PEER_DN (RFC 2253 lists it last RDN first)

STATE="$RESULTS_DIR/state"; OUT="$RESULTS_DIR/results.jsonl"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ------------------------------------------------------------------------------------------------ up

check_built() {
  local ear="$REPO/ear/target/mssante.ear"
  [ -f "$ear" ] && [ -d "$REPO/wildfly-config/target/server" ] && [ -f "$REPO/wildfly-config/target/launcher.classpath" ] \
    || die "not built: run ./mvnw -o -q -DskipTests package first"
  # ./mssante's own staleness test: were it true, ./mssante run would build with `install` (writes ~/.m2).
  [ -z "$(cd "$REPO" && find pom.xml */pom.xml mail-connector/*/pom.xml */src mail-connector/*/src wildfly-config/src \
        -newer "$ear" -type f -print -quit 2>/dev/null)" ] \
    || die "a source is newer than ear/target/mssante.ear: rebuild with ./mvnw -o -q -DskipTests package"
}

anchor_up() {
  log "anchor: Postfix 127.0.0.1:$ANCHOR_SMTP_PORT, Dovecot 127.0.0.1:$ANCHOR_IMAP_PORT ($ANCHOR_DIR, $MAILBOXES mailboxes)"
  DOMAIN="$ANCHOR_DOMAIN" NUSERS="$MAILBOXES" SMTP_PORT="$ANCHOR_SMTP_PORT" IMAP_PORT="$ANCHOR_IMAP_PORT" \
    LMTP_PORT="$ANCHOR_LMTP_PORT" RESET=1 "$HERE/anchor/anchor-setup.sh" >&2
  cp "$ANCHOR_DIR/users.txt" "$STATE/anchor-users.txt"
}

launcher_pid() { cat "$STATE/launcher.pid" 2>/dev/null || true; }

platform_up() {
  check_built
  local logf="$RESULTS_DIR/platform.log" i
  if [ -n "$(launcher_pid)" ] && kill -0 "$(launcher_pid)" 2>/dev/null; then log "platform already started"; return; fi
  log "./mssante run (HTTP $HTTP_PORT, SMTP $SMTP_PORT, IMAP $IMAP_PORT, Keycloak $KEYCLOAK_PORT; log $logf)"
  # Its own session (setsid), so `down` can end the launcher's whole process group and nothing else.
  # The subshell execs setsid, which (not a group leader) execs ./mssante, which execs the launcher: one pid.
  (cd "$REPO" && MSSANTE_AUTH_ALLOW_PLAINTEXT=true exec setsid ./mssante run > "$logf" 2>&1 < /dev/null) &
  echo $! > "$STATE/launcher.pid"
  for i in $(seq 1 900); do
    grep -q "MSSanté platform is up" "$logf" 2>/dev/null && { log "platform is up"; return; }
    kill -0 "$(launcher_pid)" 2>/dev/null || break
    grep -q '^Exception in thread "main"' "$logf" && break   # the launcher may then linger with its children
    sleep 1
  done
  tail -40 "$logf" >&2
  die "./mssante run did not come up (see $logf)"
}

ours_pids() {
  local wf pg
  wf="$(pgrep -f "jboss-modules.jar.*$REPO/.run/wildfly" | head -1 || true)"
  pg="$(pgrep -f "postgres -D $REPO/.run/pgdata" | head -1 || true)"
  [ -n "$wf" ] && [ -n "$pg" ] || die "platform processes not found (WildFly '$wf', PostgreSQL '$pg')"
  echo "$wf,$pg"
}

anchor_pids() {
  echo "$(tr -d ' \n' < "$ANCHOR_DIR/postfix/spool/pid/master.pid"),$(tr -d ' \n' < "$ANCHOR_DIR/dovecot/run/master.pid")"
}

# The other operator's TLS client certificate, issued by the platform's dev CA (what the dev whitelist trusts).
peer_operator_certificate() {
  local tls="$REPO/.run/tls" d="$STATE/peer-operator"
  mkdir -p "$d"
  openssl req -newkey rsa:3072 -nodes -subj "$PEER_SUBJECT" -keyout "$d/key.pem" -out "$d/req.csr" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth,serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\n' > "$d/ext"
  openssl x509 -req -in "$d/req.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -CAserial "$d/ca.srl" \
    -days 7 -extfile "$d/ext" -out "$d/cert.pem" 2>/dev/null || die "cannot issue the peer operator certificate from $tls"
}

ours_provision() {
  # .run keeps its state between runs: the mailboxes are emptied, as the anchor is set up afresh (RESET=1).
  log "ours: $MAILBOXES bench mailboxes @$OURS_DOMAIN over REST, emptied over IMAP"
  "$PY" "$HERE/provision-mailboxes.py" --http-port "$HTTP_PORT" --keycloak "http://127.0.0.1:$KEYCLOAK_PORT/auth" \
    --domain "$OURS_DOMAIN" --prefix bench --count "$MAILBOXES" --empty-imap-port "$IMAP_PORT" --out "$STATE/ours-users.txt"
  peer_operator_certificate
  # Senders: the other operator's addresses (no mailbox needed anywhere: nothing bounces).
  local i
  for i in $(seq -w 1 20); do echo "sender0$i@$PEER_DOMAIN:unused"; done > "$STATE/senders.txt"
}

up() {
  [ "$(id -u)" = 0 ] || die "run as root (the anchor's Postfix and Dovecot)"
  mkdir -p "$STATE"
  anchor_up
  platform_up
  ours_provision
  machine_facts > "$RESULTS_DIR/machine.txt" 2>&1 || true
}

machine_facts() {
  echo "date: $(date -u +%FT%TZ)"; echo "nproc: $(nproc)"; grep -m1 'model name' /proc/cpuinfo || true
  grep MemTotal /proc/meminfo; uname -r; . /etc/os-release; echo "os: $PRETTY_NAME"
  dpkg-query -W -f='${Package} ${Version}\n' postfix dovecot-core || true
  java -version 2>&1 | head -1; "$PY" --version; echo "commit: $(git -C "$REPO" rev-parse HEAD 2>/dev/null)"
  echo "knobs: REPEATS=$REPEATS N=$N CONC='$CONC' N_PACED=$N_PACED RATE=$RATE SESSIONS=$SESSIONS MIXED_N=$MIXED_N"\
       "MIXED_SECONDS=$MIXED_SECONDS MAILBOXES=$MAILBOXES N_POPULATE=$N_POPULATE OBSERVE=${OBSERVE:-light} PROFILE=$PROFILE PACED_POLL=${PACED_POLL:-} WARMUP=$WARMUP N_WARMUP=$N_WARMUP SESSIONS_WARMUP=$SESSIONS_WARMUP"
}

# ----------------------------------------------------------------------------------------------- run

# Target flags of one system for mailbench.py / imapmixed.py.
target() {  # $1 = anchor|ours
  if [ "$1" = anchor ]; then
    echo "--imap-port $ANCHOR_IMAP_PORT --domain $ANCHOR_DOMAIN --users-file $STATE/anchor-users.txt --server-pids $(anchor_pids)"
  else
    echo "--imap-port $IMAP_PORT --domain $OURS_DOMAIN --users-file $STATE/ours-users.txt --server-pids $(ours_pids)"
  fi
}
smtp_port() { if [ "$1" = anchor ]; then echo "$ANCHOR_SMTP_PORT"; else echo "$SMTP_PORT"; fi; }

# One measured run; a failed run is reported and left out (the table shows how many runs a cell has).
measure() {  # $1 = system, $2 = workload label, $3 = json file, then: mailbench smtp|imap ... or mixed ...
  local system="$1" workload="$2" out="$3" tool; shift 3
  local what="$1"; shift
  # shellcheck disable=SC2046  # target() is a list of flags
  if [ "$what" = mixed ]; then tool=("$HERE/imapmixed.py"); else tool=("$HERE/mailbench.py" "$what"); fi
  log "$system:$workload"
  timeout 2400 "$PY" "${tool[@]}" $(target "$system") --wait-quiet "$WAIT_QUIET" --label "$system:$workload" \
      --json-out "$out" "$@" > "$RESULTS_DIR/last.json" 2> "$RESULTS_DIR/last.err" \
    || { log "run failed: $system:$workload (see $RESULTS_DIR/last.err)"; tail -5 "$RESULTS_DIR/last.err" >&2; return 0; }
  "$PY" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]
print("   ", {k: r[k] for k in ("smtp_msgs_per_s","e2e_msgs_per_s","lat_p50_ms","lat_p99_ms","sessions_per_s","commands_per_s","sent_err","sessions_err","commands_err","busy_cores_before") if k in r})' \
    "$RESULTS_DIR/last.json" >&2 || true
}

smtp_flags() {  # $1 = system
  echo "--smtp-port $(smtp_port "$1") --size 20000 --min-rcpt 1 --max-rcpt 3 --starttls" \
       "--sender-users-file $STATE/senders.txt --client-cert $STATE/peer-operator/cert.pem" \
       "--client-key $STATE/peer-operator/key.pem --max-seconds 900 --e2e-timeout 900"
}

order() {  # $1 = repeat number: the two systems, anchor first on odd repeats
  if [ $(( $1 % 2 )) = 1 ]; then echo "anchor ours"; else echo "ours anchor"; fi
}

has_phase() { [[ " $PHASES " == *" $1 "* ]]; }

# One run of each profiled workload of ours under JFR, summarized by jfr-top.py.
profile_ours() {  # $@ = workload label, then the measure arguments after the json file
  local workload="$1" wf; shift
  wf="$(ours_pids | cut -d, -f1)"
  jcmd "$wf" JFR.start name=perf-table settings=profile filename="$RESULTS_DIR/profile-$workload.jfr" > /dev/null
  measure ours "$workload" "$RESULTS_DIR/profile.jsonl" "$@"
  jcmd "$wf" JFR.stop name=perf-table > /dev/null
  "$PY" "$HERE/jfr-top.py" "$RESULTS_DIR/profile-$workload.jfr" --match fr.mssante > "$RESULTS_DIR/profile-$workload.md" \
    || log "jfr-top.py failed on profile-$workload.jfr"
  log "profile: $RESULTS_DIR/profile-$workload.md"
}

run() {
  [ -s "$STATE/ours-users.txt" ] || die "nothing is up: run '$0 up' first (same RESULTS_DIR)"
  local r s c
  if has_phase imap || has_phase mixed; then
    for s in anchor ours; do
      # shellcheck disable=SC2046
      measure "$s" populate "$RESULTS_DIR/populate.jsonl" smtp $(smtp_flags "$s") -n "$N_POPULATE" -c 8 --seed 1000 \
        "${OBSERVE_FLAGS[@]}"
    done
    if [ "$WARMUP" = 1 ]; then for s in anchor ours; do
      if has_phase imap; then
        measure "$s" warmup-imap-plain-c8 "$RESULTS_DIR/warmup.jsonl" imap -c 8 --sessions "$SESSIONS_WARMUP" --seed 500 --max-seconds 900
        measure "$s" warmup-imap-tls-c8 "$RESULTS_DIR/warmup.jsonl" imap -c 8 --sessions "$SESSIONS_WARMUP" --imap-starttls --seed 501 --max-seconds 900
      fi
      if has_phase mixed; then
        measure "$s" warmup-mixed "$RESULTS_DIR/warmup.jsonl" mixed -c "$MIXED_CLIENTS" --mailboxes "$MIXED_MAILBOXES" \
          -n "$MIXED_N" --max-seconds "$MIXED_SECONDS" --seed 502
      fi
    done; fi
    for r in $(seq 1 "$REPEATS"); do for s in $(order "$r"); do
      if has_phase imap; then
        measure "$s" imap-plain-c8 "$OUT" imap -c 8 --sessions "$SESSIONS" --seed "$r" --max-seconds 900
        measure "$s" imap-tls-c8 "$OUT" imap -c 8 --sessions "$SESSIONS" --imap-starttls --seed "$r" --max-seconds 900
      fi
      if has_phase mixed; then
        measure "$s" mixed "$OUT" mixed -c "$MIXED_CLIENTS" --mailboxes "$MIXED_MAILBOXES" \
          -n "$MIXED_N" --max-seconds "$MIXED_SECONDS" --seed "$r"
      fi
    done; done
    if [ "$PROFILE" = 1 ]; then
      if has_phase imap; then
        profile_ours imap-plain-c8 imap -c 8 --sessions "$SESSIONS" --seed 99 --max-seconds 900
      fi
      if has_phase mixed; then
        profile_ours mixed mixed -c "$MIXED_CLIENTS" --mailboxes "$MIXED_MAILBOXES" -n "$MIXED_N" \
          --max-seconds "$MIXED_SECONDS" --seed 99
      fi
    fi
  fi
  if has_phase smtp || has_phase paced; then
    if [ "$WARMUP" = 1 ]; then for s in anchor ours; do
      # shellcheck disable=SC2046
      measure "$s" warmup-smtp-20KB-c32 "$RESULTS_DIR/warmup.jsonl" smtp $(smtp_flags "$s") -n "$N_WARMUP" -c 32 --seed 503 \
        "${OBSERVE_FLAGS[@]}"
      # shellcheck disable=SC2046
      measure "$s" warmup-smtp-20KB-c8 "$RESULTS_DIR/warmup.jsonl" smtp $(smtp_flags "$s") -n "$N" -c 8 --seed 504 \
        "${OBSERVE_FLAGS[@]}"
    done; fi
    for r in $(seq 1 "$REPEATS"); do for s in $(order "$r"); do
      if has_phase smtp; then for c in $CONC; do
        # shellcheck disable=SC2046
        measure "$s" "smtp-20KB-c$c" "$OUT" smtp $(smtp_flags "$s") -n "$N" -c "$c" --seed "$r" "${OBSERVE_FLAGS[@]}"
      done; fi
      if has_phase paced; then
        # shellcheck disable=SC2046
        measure "$s" "paced$RATE-20KB-c8" "$OUT" smtp $(smtp_flags "$s") -n "$N_PACED" -c 8 --rate "$RATE" --seed "$r" \
          ${PACED_POLL:+--poll-interval "$PACED_POLL"}
      fi
    done; done
    if [ "$PROFILE" = 1 ] && has_phase smtp; then
      # shellcheck disable=SC2046
      profile_ours smtp-20KB-c8 smtp $(smtp_flags ours) -n "$N" -c 8 --seed 99 "${OBSERVE_FLAGS[@]}"
    fi
  fi
}

table() {
  [ -s "$OUT" ] || die "no results in $OUT"
  { echo "Measured $(date -u +%F) on $(nproc) cores; $(grep -m1 '^knobs' "$RESULTS_DIR/machine.txt" 2>/dev/null || true)"; echo
    "$PY" "$HERE/perf-table-report.py" "$OUT"; } | tee "$RESULTS_DIR/table.md"
}

# ---------------------------------------------------------------------------------------------- down

down() {
  local p i
  p="$(launcher_pid)"
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    # SIGTERM to the launcher: its shutdown hook stops WildFly, Keycloak, then PostgreSQL, as Ctrl-C does in a
    # terminal. (Not SIGINT: a job started in the background by a script ignores it, and the JVM keeps that.)
    log "stopping the platform (SIGTERM to the launcher $p)"
    kill -TERM "$p" 2>/dev/null || true
    for i in $(seq 1 120); do pgrep -g "$p" > /dev/null || break; sleep 1; done
    if pgrep -g "$p" > /dev/null; then   # e.g. a launcher whose start failed with its children still up
      log "still running after 120 s: SIGTERM to its process group $p"
      kill -TERM -- "-$p" 2>/dev/null || true
      for i in $(seq 1 30); do pgrep -g "$p" > /dev/null || break; sleep 1; done
    fi
    if pgrep -g "$p" > /dev/null; then log "WARNING: processes of group $p still alive: $(pgrep -g "$p" | tr '\n' ' ')"; fi
  fi
  rm -f "$STATE/launcher.pid"
  # Embedded PostgreSQL runs in a session of its own; the launcher stops it, unless the launcher was killed.
  for i in $(seq 1 20); do pgrep -f "postgres -D $REPO/.run/pgdata" > /dev/null || break; sleep 1; done
  p="$(pgrep -f "postgres -D $REPO/.run/pgdata" | head -1 || true)"
  if [ -n "$p" ]; then log "stopping the platform's PostgreSQL ($p, fast shutdown)"; kill -INT "$p"; fi
  "$HERE/anchor/anchor-stop.sh" >&2 || true
}

main() {
  mkdir -p "$RESULTS_DIR" "$STATE"
  case "${1:-all}" in
    up) up ;;
    run) run ;;
    table) table ;;
    down) down ;;
    all)
      trap 'down' EXIT
      log "results: $RESULTS_DIR"
      up; run; table ;;
    *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
}
main "$@"
