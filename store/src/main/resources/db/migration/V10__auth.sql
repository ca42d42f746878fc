-- Accounts, tokens, four-eyes and the audit log (issue 14 items 1-3). Epoch milliseconds; roles and
-- statuses as lower-case codes. Nothing here holds a secret in clear except the TOTP secret, which
-- the server needs to check codes (passwords: Argon2id PHC strings; tokens and recovery codes:
-- SHA-256 hex).

CREATE TABLE users (
    username        VARCHAR(64)   NOT NULL PRIMARY KEY,
    role            VARCHAR(16)   NOT NULL,
    password_hash   VARCHAR(256)  NOT NULL,
    banned          BOOLEAN       NOT NULL,
    totp_secret     VARCHAR(64),
    totp_enabled    BOOLEAN       NOT NULL,
    recovery_codes  VARCHAR(1000) NOT NULL,
    failed_logins   INTEGER       NOT NULL,
    locked_until_ms BIGINT,
    created_at_ms   BIGINT        NOT NULL
);

CREATE TABLE invite_codes (
    code          VARCHAR(64)  NOT NULL PRIMARY KEY,
    role          VARCHAR(16)  NOT NULL,
    max_uses      INTEGER      NOT NULL,
    used_count    INTEGER      NOT NULL,
    disabled      BOOLEAN      NOT NULL,
    expires_at_ms BIGINT       NOT NULL,
    created_by    VARCHAR(128) NOT NULL,
    created_at_ms BIGINT       NOT NULL
);

CREATE TABLE refresh_tokens (
    token_hash    CHAR(64)     NOT NULL PRIMARY KEY,
    family        VARCHAR(64)  NOT NULL,
    username      VARCHAR(64)  NOT NULL,
    issued_at_ms  BIGINT       NOT NULL,
    expires_at_ms BIGINT       NOT NULL,
    rotated_at_ms BIGINT,
    revoked_at_ms BIGINT
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (username);

CREATE TABLE approval_requests (
    request_id      VARCHAR(32)   NOT NULL PRIMARY KEY,
    action          VARCHAR(96)   NOT NULL,
    payload         TEXT          NOT NULL,
    before_state    TEXT,
    requester       VARCHAR(128)  NOT NULL,
    request_reason  VARCHAR(1000) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    decider         VARCHAR(128),
    decision_reason VARCHAR(1000),
    result          TEXT,
    requested_at_ms BIGINT        NOT NULL,
    decided_at_ms   BIGINT
);
CREATE INDEX approval_requests_status_idx ON approval_requests (status, requested_at_ms);

-- Append-only: the application never updates or deletes a row. Each row's hash covers its seq,
-- fields and prev_hash (the previous row's hash), so `perpetua audit verify` finds any edit or gap.
CREATE TABLE audit_log (
    seq          BIGINT        NOT NULL PRIMARY KEY,
    at_ms        BIGINT        NOT NULL,
    actor        VARCHAR(128)  NOT NULL,
    action       VARCHAR(96)   NOT NULL,
    entity       VARCHAR(64)   NOT NULL,
    entity_id    VARCHAR(128)  NOT NULL,
    before_state TEXT,
    after_state  TEXT,
    reason       VARCHAR(1000) NOT NULL,
    request_id   VARCHAR(64)   NOT NULL,
    prev_hash    CHAR(64)      NOT NULL,
    hash         CHAR(64)      NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_at_idx ON audit_log (at_ms);
