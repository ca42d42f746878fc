-- The hot-coin list (issue 17 item 5, 003 §10): each scan's top N with the score breakdown and risk
-- tags (JSON text), the human decision per candidate, and the whitelist of approved symbols.
-- Portable SQL (H2 + PostgreSQL).
CREATE TABLE hotlist_scans (
    scan_ts        BIGINT         NOT NULL PRIMARY KEY,
    created_at_ms  BIGINT         NOT NULL,
    scored         INTEGER        NOT NULL,
    market         VARCHAR(4000)  NOT NULL
);

CREATE TABLE hotlist (
    scan_ts          BIGINT          NOT NULL,
    symbol           VARCHAR(64)     NOT NULL,
    rank_no          INTEGER         NOT NULL,
    score            DOUBLE PRECISION NOT NULL,
    breakdown        VARCHAR(8000)   NOT NULL,
    risk_tags        VARCHAR(8000)   NOT NULL,
    status           VARCHAR(16)     NOT NULL,
    decided_by       VARCHAR(200),
    decided_at_ms    BIGINT,
    decision_reason  VARCHAR(1000),
    expires_at_ms    BIGINT          NOT NULL,
    PRIMARY KEY (scan_ts, symbol)
);

CREATE TABLE hotlist_whitelist (
    symbol          VARCHAR(64)    NOT NULL PRIMARY KEY,
    approved_by     VARCHAR(200)   NOT NULL,
    approved_at_ms  BIGINT         NOT NULL,
    scan_ts         BIGINT         NOT NULL,
    reason          VARCHAR(1000)
);
