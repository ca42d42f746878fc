-- Per-symbol risk limits changed at runtime through four-eyes (issue 15 item 6, 003 §11): the
-- symbol_limit rule's thresholds, restored when the risk engine opens. Exact decimals; NULL = off.
CREATE TABLE risk_symbol_limits (
    symbol        VARCHAR(64)    NOT NULL PRIMARY KEY,
    max_leverage  NUMERIC(20, 8),
    max_pos_value NUMERIC(30, 8),
    reason        VARCHAR(1000)  NOT NULL,
    operator      VARCHAR(1000)  NOT NULL,
    changed_at_ms BIGINT         NOT NULL
);
