-- Rebalance records (issue 21, item 6): the kernel time a rebalance started and whether it ran on
-- a simulated venue (dry_run, as on its orders) get their own columns, and execution_time_ms now
-- holds the wall-clock time the rebalance took (start to its last fill) instead of the kernel-time
-- distance, which on a replay was the bar spacing. Rows written before keep their old duration;
-- their start is recovered from it (it was event_time_ms - execution_time_ms), their dry_run from
-- their orders (a rebalance is dry-run unless one of its orders went to a real venue).
ALTER TABLE rebalance_events ADD COLUMN started_at_ms BIGINT;
ALTER TABLE rebalance_events ADD COLUMN dry_run BOOLEAN;
UPDATE rebalance_events SET started_at_ms = event_time_ms - execution_time_ms;
UPDATE rebalance_events SET dry_run = NOT EXISTS (
    SELECT 1 FROM orders o
     WHERE o.rebalance_id = rebalance_events.rebalance_id AND o.dry_run = FALSE);
ALTER TABLE rebalance_events ALTER COLUMN started_at_ms SET NOT NULL;
ALTER TABLE rebalance_events ALTER COLUMN dry_run SET NOT NULL;
