-- Strategy versions and their promotion (issue 17 items 1, 2): immutable versions, each strategy's
-- lifecycle state (stable, previous stable, candidate and its stage) with a revision for
-- optimistic concurrency, and the events that explain each transition. A transition writes all
-- three in one transaction. Portable SQL (H2 + PostgreSQL).
CREATE TABLE strategy_versions (
    id               VARCHAR(96)     NOT NULL PRIMARY KEY,
    strategy         VARCHAR(64)     NOT NULL,
    number           INTEGER         NOT NULL,
    parent_id        VARCHAR(96),
    parameters       VARCHAR(100000) NOT NULL,
    config_hash      VARCHAR(64)     NOT NULL,
    created_by       VARCHAR(200)    NOT NULL,
    reason           VARCHAR(1000)   NOT NULL,
    optimiser_run_id VARCHAR(128),
    optimiser_stats  VARCHAR(100000) NOT NULL,
    created_at_ms    BIGINT          NOT NULL,
    CONSTRAINT strategy_versions_number_uq UNIQUE (strategy, number)
);

CREATE TABLE strategy_lifecycle (
    strategy           VARCHAR(64)  NOT NULL PRIMARY KEY,
    stable_id          VARCHAR(96)  NOT NULL,
    previous_stable_id VARCHAR(96),
    candidate_id       VARCHAR(96),
    candidate_stage    VARCHAR(16),
    stage_since_ms     BIGINT       NOT NULL,
    gates_passed       BOOLEAN      NOT NULL,
    approval_id        VARCHAR(64),
    revision           BIGINT       NOT NULL
);

CREATE TABLE strategy_lifecycle_events (
    strategy   VARCHAR(64)     NOT NULL,
    revision   BIGINT          NOT NULL,
    kind       VARCHAR(64)     NOT NULL,
    version_id VARCHAR(96),
    from_stage VARCHAR(16),
    to_stage   VARCHAR(16),
    actor      VARCHAR(200)    NOT NULL,
    reason     VARCHAR(1000)   NOT NULL,
    evidence   VARCHAR(100000) NOT NULL,
    at_ms      BIGINT          NOT NULL,
    PRIMARY KEY (strategy, revision)
);
