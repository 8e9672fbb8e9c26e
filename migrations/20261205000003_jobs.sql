-- The durable job queue: work done after the request that caused it (an
-- email, later webhooks), claimed safely by any app server, retried with
-- backoff and given up ("dead") after a bounded time. Enqueued in the same
-- transaction as the change that causes it.
CREATE TABLE jobs (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    -- What the job works on, e.g. {"email_id": "…"}.
    payload_json    TEXT NOT NULL,
    -- One delivery per key, however often it is retried or enqueued.
    idempotency_key TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead', 'cancelled')),
    attempts        BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    run_at          BIGINT NOT NULL,
    -- Which worker holds it, until when (a worker that died lets go).
    locked_by       TEXT,
    locked_until    BIGINT,
    last_error      TEXT NOT NULL DEFAULT '',
    -- When the current run of attempts began (enqueued, or an admin's retry):
    -- failing for a day from here gives up.
    started_at      BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    finished_at     BIGINT
);
CREATE UNIQUE INDEX jobs_idempotency_key_idx ON jobs (idempotency_key);
CREATE INDEX jobs_due_idx ON jobs (state, run_at);
