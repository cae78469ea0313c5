#!/usr/bin/env bash
# Every second: A's relay recipients still QUEUED (PostgreSQL of A, as the owner role), A's and B's delivery
# queue depth (GET /health). Run beside one platform run of relay-bench.sh; stop it with kill. Output: one line a sample.
while :; do
  a=$(PGPASSWORD=mssante psql -h 127.0.0.1 -p 15432 -U mssante mssante -Atc "select count(*) from relay_recipient where status='QUEUED'")
  da=$(curl -s http://127.0.0.1:8080/health | python3 -c 'import json,sys; print(json.load(sys.stdin)["checks"]["broker"]["deliveryQueueDepth"])')
  db=$(curl -s http://127.0.0.1:8280/health | python3 -c 'import json,sys; print(json.load(sys.stdin)["checks"]["broker"]["deliveryQueueDepth"])')
  echo "$(date -u +%H:%M:%S) relayQueuedA=$a deliveryQueueA=$da deliveryQueueB=$db"
  sleep 1
done
