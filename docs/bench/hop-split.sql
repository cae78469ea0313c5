-- The delivery hop of the messages received after :since, split by database timestamps (ADR 0039).
-- Needs track_commit_timestamp = on (a restart of PostgreSQL): commit times come from the rows' xmin.
--   psql ... -v since="2026-12-04 13:00:00+00" -f docs/bench/hop-split.sql
-- Points per message (p50/p99 of each interval, in ms):
--   received    intake_message.received_at: the intake transaction is storing the message (SMTP DATA done)
--   intake      commit of the intake in PostgreSQL (blob row's xmin; the blob is written by the intake)
--   1st append  first DELIVERED audit record's occurred_at: the first INBOX copy is written (folder locked)
--   marked      intake_message.delivered_at: the delivery's work is done, its commit begins
--   delivery    commit of the delivery in PostgreSQL (intake row's xmin, rewritten by the delivered mark)
-- "hop (benchmarked)" is delivered_at - received_at, the figure of BENCHMARKS.md's issue-11 table.
WITH m AS (
  SELECT i.received_at                      AS received,
         pg_xact_commit_timestamp(b.xmin)   AS intake,
         (SELECT min(a.occurred_at) FROM audit_event a
           WHERE a.queue_id = i.queue_id AND a.action = 'DELIVERED') AS first_append,
         i.delivered_at                     AS marked,
         pg_xact_commit_timestamp(i.xmin)   AS delivery
  FROM intake_message i JOIN blob b ON b.sha256 = i.blob_sha256
  WHERE i.received_at > :'since'::timestamptz AND i.status = 'DELIVERED'
), d AS (
  SELECT 'received -> intake commit' AS step, 1 AS o, extract(epoch FROM intake - received) * 1000 AS ms FROM m
  UNION ALL SELECT 'intake commit -> 1st append', 2, extract(epoch FROM first_append - intake) * 1000 FROM m
  UNION ALL SELECT '1st append -> marked', 3, extract(epoch FROM marked - first_append) * 1000 FROM m
  UNION ALL SELECT 'marked -> delivery commit', 4, extract(epoch FROM delivery - marked) * 1000 FROM m
  UNION ALL SELECT 'hop (benchmarked): received -> marked', 5, extract(epoch FROM marked - received) * 1000 FROM m
  UNION ALL SELECT 'received -> delivery commit', 6, extract(epoch FROM delivery - received) * 1000 FROM m
)
SELECT step, count(ms) AS n,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p50_ms,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p99_ms
FROM d WHERE ms IS NOT NULL GROUP BY step, o ORDER BY o;
