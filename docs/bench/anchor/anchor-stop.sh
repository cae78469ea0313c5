#!/usr/bin/env bash
# Stop the anchor stack with the daemons' own stop commands (only the instances configured in $ANCHOR_DIR).
# Copied unchanged on 2026-12-04 from the project's shared bench folder (../shared/bench/anchor-stop.sh).
set -u
ANCHOR_DIR="${ANCHOR_DIR:-${TMPDIR:-/tmp}/anchor}"
if [ -f "$ANCHOR_DIR/postfix/etc/main.cf" ]; then
  postfix -c "$ANCHOR_DIR/postfix/etc" status >/dev/null 2>&1 && postfix -c "$ANCHOR_DIR/postfix/etc" stop
fi
if [ -f "$ANCHOR_DIR/dovecot/dovecot.conf" ] && [ -f "$ANCHOR_DIR/dovecot/run/master.pid" ]; then
  doveadm -c "$ANCHOR_DIR/dovecot/dovecot.conf" stop
fi
for i in $(seq 1 50); do
  pgrep -f "dovecot -c $ANCHOR_DIR/" >/dev/null || break
  sleep 0.2
done
echo "anchor stack stopped"
