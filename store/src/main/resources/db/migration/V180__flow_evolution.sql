-- The order-flow learning loop (issue 17 item 6, spec orderflow-and-arbitrage §5): every daily
-- auto-evolution run with its JSON and Markdown reports, and the lineage of the strategies it
-- created (parent, run, time). An applied run writes its run row, the new and deprecated
-- flow_strategies rows and its lineage in one transaction.
CREATE TABLE flow_evolution_runs (
    run_id   VARCHAR(64)     NOT NULL PRIMARY KEY,
    at_ms    BIGINT          NOT NULL,
    dry_run  BOOLEAN         NOT NULL,
    actor    VARCHAR(128)    NOT NULL,
    report   TEXT            NOT NULL,
    markdown TEXT            NOT NULL
);
CREATE INDEX flow_evolution_runs_at_idx ON flow_evolution_runs (at_ms);

CREATE TABLE flow_evolution_lineage (
    strategy_id VARCHAR(64)     NOT NULL PRIMARY KEY,
    symbol      VARCHAR(32)     NOT NULL,
    parent_id   VARCHAR(64)     NOT NULL,
    run_id      VARCHAR(64)     NOT NULL,
    created_ms  BIGINT          NOT NULL
);
