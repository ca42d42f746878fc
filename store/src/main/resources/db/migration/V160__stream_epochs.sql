-- Stream epochs (issue 14, /stream/* resumable across restarts): each platform process that
-- publishes streams takes the next epoch here; its sequence numbers start at epoch << 32, so they
-- continue above every number an earlier process sent, and a client resuming with an older one
-- gets an explicit stream.gap instead of another process's events under the same numbers.
CREATE TABLE stream_epochs (
    epoch         BIGINT NOT NULL PRIMARY KEY,
    started_at_ms BIGINT NOT NULL
);
