-- The standalone order-flow paper engine (FlowEngine, its FlowSnapshot and JdbcFlowStateStore) is
-- gone (issue 11): flow strategies run on the trading kernel, whose checkpoint (kernel_cursor) and
-- journal (orders, fills, account_state) hold their restart state. Nothing reads or writes this.
DROP TABLE flow_snapshots;
