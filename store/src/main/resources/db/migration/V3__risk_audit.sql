-- Risk controls, alerts, risk events and portfolio snapshots (issue: risk engine, order audit and
-- portfolio analytics). Same conventions as V1: epoch milliseconds, API symbols, lower-case codes.

-- Operator controls that must survive restarts: one row per control; control_key is
-- 'emergency_stop' or 'symbol:<API symbol>'.
CREATE TABLE risk_controls (
    control_key   VARCHAR(96)   NOT NULL PRIMARY KEY,
    symbol        VARCHAR(64),
    active        BOOLEAN       NOT NULL,
    reason        VARCHAR(1000) NOT NULL,
    operator      VARCHAR(128)  NOT NULL,
    changed_at_ms BIGINT        NOT NULL
);

CREATE TABLE risk_alerts (
    alert_id       VARCHAR(64)      NOT NULL PRIMARY KEY,
    severity       VARCHAR(16)      NOT NULL,
    rule_name      VARCHAR(64)      NOT NULL,
    symbol         VARCHAR(64),
    message        VARCHAR(1000)    NOT NULL,
    current_value  DOUBLE PRECISION NOT NULL,
    threshold      DOUBLE PRECISION NOT NULL,
    raised_at_ms   BIGINT           NOT NULL,
    resolved_at_ms BIGINT
);
CREATE INDEX risk_alerts_raised_idx ON risk_alerts (raised_at_ms);
CREATE INDEX risk_alerts_active_idx ON risk_alerts (resolved_at_ms);

CREATE TABLE risk_events (
    event_time_ms BIGINT        NOT NULL,
    kind          VARCHAR(64)   NOT NULL,
    rule_name     VARCHAR(64)   NOT NULL,
    symbol        VARCHAR(64)   NOT NULL,
    detail        VARCHAR(1000) NOT NULL,
    PRIMARY KEY (event_time_ms, kind, rule_name, symbol)
);

CREATE TABLE portfolio_snapshots (
    account_id     VARCHAR(64)      NOT NULL,
    snapshot_interval VARCHAR(8)    NOT NULL,
    snapshot_ms    BIGINT           NOT NULL,
    nav            DOUBLE PRECISION NOT NULL,
    wallet         DOUBLE PRECISION NOT NULL,
    long_notional  DOUBLE PRECISION NOT NULL,
    short_notional DOUBLE PRECISION NOT NULL,
    positions      INTEGER          NOT NULL,
    PRIMARY KEY (account_id, snapshot_interval, snapshot_ms)
);

CREATE INDEX orders_symbol_created_idx ON orders (symbol, created_at_ms);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX fills_symbol_time_idx ON fills (symbol, fill_time_ms);
