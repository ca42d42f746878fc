-- Backtest jobs and the API keys of the signed job API. Portable SQL (H2 and PostgreSQL), with the
-- conventions of V1: times are epoch milliseconds (*_ms BIGINT, wall clock), enums lower-case wire
-- codes. JSON documents are TEXT in the storage form of io.perpetua.backtest.job.JobJson.

CREATE TABLE backtest_jobs (
    job_id               VARCHAR(32)       NOT NULL PRIMARY KEY,
    owner                VARCHAR(128)      NOT NULL,
    api_key_id           VARCHAR(32),                 -- the key that submitted it; NULL: bearer API
    request_json         TEXT              NOT NULL,  -- what the runner runs
    config_json          TEXT,                        -- the request as the API received it (echo)
    status               VARCHAR(16)       NOT NULL,
    progress             DOUBLE PRECISION  NOT NULL,
    cancel_requested     BOOLEAN           NOT NULL,
    submitted_at_ms      BIGINT            NOT NULL,
    started_at_ms        BIGINT,
    finished_at_ms       BIGINT,
    error                VARCHAR(4000),
    metrics_json         TEXT,                        -- kept forever
    equity_curve_json    TEXT,                        -- NULL once purged (retention)
    trades_json          TEXT,                        -- NULL once purged (retention)
    output_purged_at_ms  BIGINT,
    CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    CHECK (progress >= 0 AND progress <= 1),
    CHECK ((finished_at_ms IS NULL) = (status IN ('queued', 'running')))
);
-- The queue: the oldest queued job first.
CREATE INDEX backtest_jobs_queue_idx ON backtest_jobs (status, submitted_at_ms, job_id);
-- Per-owner lists (newest first) and the active-job count.
CREATE INDEX backtest_jobs_owner_idx ON backtest_jobs (owner, submitted_at_ms, job_id);
-- The retention purge.
CREATE INDEX backtest_jobs_finished_idx ON backtest_jobs (finished_at_ms);

-- No secret is stored: a key's signing secret is derived from the master key and the key id, and
-- only its SHA-256 is kept (to detect a changed master key). Keys are revoked, never deleted.
CREATE TABLE api_keys (
    key_id         VARCHAR(32)   NOT NULL PRIMARY KEY,
    owner          VARCHAR(128)  NOT NULL,
    secret_sha256  VARCHAR(64)   NOT NULL,
    created_at_ms  BIGINT        NOT NULL,
    revoked_at_ms  BIGINT
);
CREATE INDEX api_keys_owner_idx ON api_keys (owner);
