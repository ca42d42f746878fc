-- The audit log's head (issue 14 gap: truncation of the log's tail was undetectable). One row, id 1:
-- the position and hash of the newest entry, written in the same transaction as every append and
-- never moved backwards. `audit verify` compares the log's end with it: entries deleted from the
-- tail leave the head pointing past the log's last entry. Someone able to rewrite both the log and
-- this row defeats it; anchoring the head outside the database (docs/security.md) covers that.
CREATE TABLE audit_head (
    id    INTEGER  NOT NULL PRIMARY KEY,
    seq   BIGINT   NOT NULL,
    hash  CHAR(64) NOT NULL,
    at_ms BIGINT   NOT NULL
);
INSERT INTO audit_head (id, seq, hash, at_ms)
SELECT 1, seq, hash, at_ms FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log);
