-- What a finished backtest did besides its PnL (io.perpetua.backtest.RunActivity in the storage
-- form of JobJson): rebalances, orders sent, fills, rejected orders by rule, skipped symbols. Kept
-- forever like metrics_json; NULL for jobs that are not done and for jobs done before this column.
ALTER TABLE backtest_jobs ADD COLUMN activity_json TEXT;
