#!/usr/bin/env bash
# Install (from Debian apt) and start the anchor stack: Postfix (SMTP) -> LMTP -> Dovecot (IMAP, maildir).
# Everything listens on 127.0.0.1 only. Runtime state lives in $ANCHOR_DIR; the config templates sit beside this script.
#
# Copied on 2026-12-04 from the project's shared bench folder (../shared/bench/anchor-setup.sh, with its
# anchor/*.tmpl and anchor/dovecot-perf.conf.snippet now in this directory) so the repository does not
# depend on it; the only change is that path. The anchor is the seed design of the issue-11 comparison:
# Postfix 3.7 + Dovecot 2.3 from Debian 12, packaged defaults except what ../../../BENCHMARKS.md and
# docs/bench/perf-table.sh say.
#
#   sudo ./anchor-setup.sh            # install if needed, (re)generate config, start
#   RESET=1 ./anchor-setup.sh         # same, but wipe $ANCHOR_DIR first (fresh mailboxes and queue)
#
# Environment (defaults in brackets):
#   ANCHOR_DIR [anchor/ under $TMPDIR or the system temp dir]  DOMAIN [hopital-test.mssante.fr]  NUSERS [200]
#   SMTP_PORT [2525]  IMAP_PORT [2143]  LMTP_PORT [2424]  PASSWORD_PREFIX [Pw-]
#   DOVECOT_VARIANT [unset; "perf" appends anchor/dovecot-perf.conf.snippet]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ANCHOR_DIR="${ANCHOR_DIR:-${TMPDIR:-/tmp}/anchor}"
DOMAIN="${DOMAIN:-hopital-test.mssante.fr}"
NUSERS="${NUSERS:-200}"
SMTP_PORT="${SMTP_PORT:-2525}"
IMAP_PORT="${IMAP_PORT:-2143}"
LMTP_PORT="${LMTP_PORT:-2424}"
PASSWORD_PREFIX="${PASSWORD_PREFIX:-Pw-}"
RESET="${RESET:-0}"

[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }

# ---- 1. packages (no daemon autostart during install; Postfix "No configuration") ----
need=()
for p in postfix dovecot-imapd dovecot-lmtpd swaks openssl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; created_policy=1
  fi
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
  [ "$created_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi
# If the distro init scripts did start the default instances anyway, we leave them alone but warn.
if ss -ltn | grep -qE ':(25|143|993)\s'; then
  echo "WARNING: something listens on a standard mail port (25/143/993); this script does not touch it" >&2
fi

# ---- 2. users / directories ----
getent group vmail >/dev/null || groupadd --system vmail
getent passwd vmail >/dev/null || useradd --system --gid vmail --home-dir /nonexistent --shell /usr/sbin/nologin vmail
VMAIL_UID="$(id -u vmail)"; VMAIL_GID="$(getent group vmail | cut -d: -f3)"

"$HERE/anchor-stop.sh" >/dev/null 2>&1 || true
if [ "$RESET" = 1 ] && [ -d "$ANCHOR_DIR" ]; then rm -rf "$ANCHOR_DIR"; fi
mkdir -p "$ANCHOR_DIR"/{postfix/etc,postfix/spool,postfix/data,dovecot/run,dovecot/state,mail,log,tls}
chmod 755 "$ANCHOR_DIR" "$ANCHOR_DIR/dovecot" "$ANCHOR_DIR/postfix"
chown postfix:postfix "$ANCHOR_DIR/postfix/data"
chown vmail:vmail "$ANCHOR_DIR/mail"
chmod 700 "$ANCHOR_DIR/mail"

# ---- 3. self-signed certificate for STARTTLS ----
if [ ! -s "$ANCHOR_DIR/tls/cert.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=mx.$DOMAIN" \
    -keyout "$ANCHOR_DIR/tls/key.pem" -out "$ANCHOR_DIR/tls/cert.pem" 2>/dev/null
  chmod 600 "$ANCHOR_DIR/tls/key.pem"
fi

# ---- 4. config from templates ----
subst() {
  sed -e "s#@ANCHOR_DIR@#$ANCHOR_DIR#g" -e "s#@DOMAIN@#$DOMAIN#g" \
      -e "s#@SMTP_PORT@#$SMTP_PORT#g" -e "s#@IMAP_PORT@#$IMAP_PORT#g" -e "s#@LMTP_PORT@#$LMTP_PORT#g" \
      -e "s#@VMAIL_UID@#$VMAIL_UID#g" -e "s#@VMAIL_GID@#$VMAIL_GID#g" "$1" > "$2"
}
subst "$HERE/main.cf.tmpl"      "$ANCHOR_DIR/postfix/etc/main.cf"
subst "$HERE/master.cf.tmpl"    "$ANCHOR_DIR/postfix/etc/master.cf"
subst "$HERE/dovecot.conf.tmpl" "$ANCHOR_DIR/dovecot/dovecot.conf"
if [ "${DOVECOT_VARIANT:-}" = perf ]; then cat "$HERE/dovecot-perf.conf.snippet" >> "$ANCHOR_DIR/dovecot/dovecot.conf"; fi

# users: userNNN@DOMAIN, password $PASSWORD_PREFIX + userNNN.
# users.txt (address:password) is the generic input for mailbench.py --users-file.
: > "$ANCHOR_DIR/users.txt"; : > "$ANCHOR_DIR/dovecot/users"; : > "$ANCHOR_DIR/postfix/etc/vmailbox"
for i in $(seq 1 "$NUSERS"); do
  u="$(printf 'user%03d' "$i")"; a="$u@$DOMAIN"; pw="$PASSWORD_PREFIX$u"
  echo "$a:$pw" >> "$ANCHOR_DIR/users.txt"
  echo "$a:{PLAIN}$pw::::::" >> "$ANCHOR_DIR/dovecot/users"
  echo "$a OK" >> "$ANCHOR_DIR/postfix/etc/vmailbox"
done
echo "postmaster@$DOMAIN:{PLAIN}${PASSWORD_PREFIX}postmaster::::::" >> "$ANCHOR_DIR/dovecot/users"
echo "postmaster@$DOMAIN OK" >> "$ANCHOR_DIR/postfix/etc/vmailbox"
chown root:dovecot "$ANCHOR_DIR/dovecot/users"; chmod 640 "$ANCHOR_DIR/dovecot/users"

# ---- 5. start: Dovecot first (Postfix delivers into its LMTP socket) ----
doveconf -c "$ANCHOR_DIR/dovecot/dovecot.conf" -n > "$ANCHOR_DIR/log/doveconf-n.txt"
dovecot -c "$ANCHOR_DIR/dovecot/dovecot.conf" </dev/null >>"$ANCHOR_DIR/log/start.log" 2>&1
postfix -c "$ANCHOR_DIR/postfix/etc" check
postfix -c "$ANCHOR_DIR/postfix/etc" start </dev/null >>"$ANCHOR_DIR/log/start.log" 2>&1

for i in $(seq 1 50); do
  if ss -ltn | grep -q "127.0.0.1:$SMTP_PORT " && ss -ltn | grep -q "127.0.0.1:$IMAP_PORT " \
     && [ -S "$ANCHOR_DIR/dovecot/run/lmtp" ]; then
    echo "anchor stack up: SMTP 127.0.0.1:$SMTP_PORT  IMAP 127.0.0.1:$IMAP_PORT  LMTP 127.0.0.1:$LMTP_PORT + $ANCHOR_DIR/dovecot/run/lmtp"
    echo "users: $ANCHOR_DIR/users.txt ($NUSERS users @$DOMAIN)"
    exit 0
  fi
  sleep 0.2
done
echo "stack did not come up; see $ANCHOR_DIR/log/" >&2
exit 1
