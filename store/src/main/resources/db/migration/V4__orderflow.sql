-- Order-flow engine (issue 5): factory strategies with their version history, evaluations, paper
-- positions and trades, learning records (features, labels, execution costs) and the engine's
-- restart snapshot. Same conventions as V1: epoch milliseconds, lower-case wire codes; symbols are
-- venue symbols (BTCUSDT) as in the order-flow API; money columns hold Money#raw (8 decimals).
-- The doc column of a row holds the whole record as JSON (io.perpetua.store.jdbc.FlowJson), so it
-- reads back exactly; the other columns are there to filter, sort and inspect with SQL.

CREATE TABLE flow_strategies (
    strategy_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
    version          INTEGER       NOT NULL,
    display_name     VARCHAR(64)   NOT NULL,
    symbol           VARCHAR(32)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    initial_balance  BIGINT        NOT NULL,
    created_ms       BIGINT        NOT NULL,
    updated_ms       BIGINT        NOT NULL,
    seq              BIGINT        NOT NULL,
    doc              TEXT          NOT NULL
);

-- One row per version (edits), never updated.
CREATE TABLE flow_strategy_versions (
    strategy_id      VARCHAR(64)   NOT NULL,
    version          INTEGER       NOT NULL,
    changed_ms       BIGINT        NOT NULL,
    doc              TEXT          NOT NULL,
    PRIMARY KEY (strategy_id, version)
);

CREATE TABLE flow_evaluations (
    evaluation_id    VARCHAR(128)     NOT NULL PRIMARY KEY,
    strategy_id      VARCHAR(64)      NOT NULL,
    strategy_version VARCHAR(16)      NOT NULL,
    symbol           VARCHAR(32)      NOT NULL,
    time_ms          BIGINT           NOT NULL,
    score            DOUBLE PRECISION NOT NULL,
    direction        VARCHAR(8)       NOT NULL,
    tier             VARCHAR(16)      NOT NULL,
    gate_passed      BOOLEAN          NOT NULL,
    block_reason     VARCHAR(64)      NOT NULL,
    factors_json     TEXT             NOT NULL,
    doc              TEXT             NOT NULL
);
CREATE INDEX flow_evaluations_key_idx ON flow_evaluations (strategy_id, symbol, time_ms);
CREATE INDEX flow_evaluations_time_idx ON flow_evaluations (time_ms);

-- Open paper positions (deleted when closed; the closed trade goes to flow_trades).
CREATE TABLE flow_positions (
    position_id      VARCHAR(128)     NOT NULL PRIMARY KEY,
    strategy_id      VARCHAR(64)      NOT NULL,
    symbol           VARCHAR(32)      NOT NULL,
    direction        VARCHAR(8)       NOT NULL,
    status           VARCHAR(16)      NOT NULL,
    entry_time_ms    BIGINT           NOT NULL,
    entry_price      DOUBLE PRECISION NOT NULL,
    doc              TEXT             NOT NULL
);

CREATE TABLE flow_trades (
    trade_id         VARCHAR(128)     NOT NULL PRIMARY KEY,
    strategy_id      VARCHAR(64)      NOT NULL,
    symbol           VARCHAR(32)      NOT NULL,
    direction        VARCHAR(8)       NOT NULL,
    status           VARCHAR(16)      NOT NULL,
    win              BOOLEAN          NOT NULL,
    entry_time_ms    BIGINT           NOT NULL,
    exit_time_ms     BIGINT           NOT NULL,
    pnl_r            DOUBLE PRECISION NOT NULL,
    pnl              BIGINT           NOT NULL,
    doc              TEXT             NOT NULL
);
CREATE INDEX flow_trades_exit_idx ON flow_trades (exit_time_ms);

CREATE TABLE flow_features (
    evaluation_id    VARCHAR(128)  NOT NULL PRIMARY KEY,
    engine_instance  VARCHAR(64)   NOT NULL,
    time_ms          BIGINT        NOT NULL,
    row_json         TEXT          NOT NULL
);

CREATE TABLE flow_labels (
    evaluation_id    VARCHAR(128)     NOT NULL PRIMARY KEY,
    strategy_id      VARCHAR(64)      NOT NULL,
    symbol           VARCHAR(32)      NOT NULL,
    evaluation_ms    BIGINT           NOT NULL,
    y_binary_60m     INTEGER          NOT NULL,
    doc              TEXT             NOT NULL
);

CREATE TABLE flow_execution_costs (
    trade_id         VARCHAR(128)     NOT NULL PRIMARY KEY,
    strategy_id      VARCHAR(64)      NOT NULL,
    friction_r       DOUBLE PRECISION NOT NULL,
    doc              TEXT             NOT NULL
);

-- The restart state of an engine instance: open positions, resting entries, cooldowns, balances,
-- pending labels and each strategy's schedule (io.perpetua.trading.flow.FlowSnapshot).
CREATE TABLE flow_snapshots (
    engine_instance  VARCHAR(64)   NOT NULL PRIMARY KEY,
    time_ms          BIGINT        NOT NULL,
    positions        INTEGER       NOT NULL,
    pending_labels   INTEGER       NOT NULL,
    cooldowns        INTEGER       NOT NULL,
    doc              TEXT          NOT NULL
);
