-- Nodes of the cluster and who holds each accepted message's delivery request (docs/adr/0024-cluster-node-loss.md).
--
-- Each start of a WildFly node is an incarnation: a fresh id, a row here, a heartbeat every few seconds
-- (last_seen, the database's clock, so nodes' clocks never disagree). An incarnation whose heartbeat is
-- older than mssante.cluster.node-dead-after is dead: its broker journal may hold delivery requests no one
-- else can see, so a live node takes its QUEUED messages over (FOR UPDATE SKIP LOCKED) and asks for their
-- delivery on its own broker. Operator-level data, no tenant: grants only (ADR 0011).
CREATE TABLE cluster_node (
    incarnation uuid        PRIMARY KEY,
    node_name   text        NOT NULL,  -- the transactions node-identifier (jboss.tx.node.id / MSSANTE_NODE_ID)
    started_at  timestamptz NOT NULL DEFAULT now(),
    last_seen   timestamptz NOT NULL DEFAULT now()
);

-- The incarnation whose broker holds the message's pending delivery request: the accepting node, then
-- whichever node took it over. NULL for messages accepted before this version: no live node claims them,
-- so they are taken over like a dead node's (delivery is idempotent).
ALTER TABLE intake_message ADD COLUMN queued_on uuid;
CREATE INDEX intake_message_queued_on ON intake_message (queued_on) WHERE status = 'QUEUED';

GRANT SELECT, INSERT, UPDATE, DELETE ON cluster_node TO ${appRole};
