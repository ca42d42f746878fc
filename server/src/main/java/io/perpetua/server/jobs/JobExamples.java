package io.perpetua.server.jobs;

/** Examples of the job API for the OpenAPI document (the spec's, with full-length ids). */
final class JobExamples {
  private JobExamples() {}

  static final String CONFIG =
      """
      {"template_id": "tpl_grid",
       "params": {"grid_levels": 8, "upper_price": "72000", "lower_price": "60000"},
       "symbols": ["BTCUSDT"], "timeframe": "1h",
       "start": "2025-01-01T00:00:00Z", "end": "2025-03-31T23:59:59Z",
       "capital": "10000.00", "leverage": 1, "fee_model": "fixed_bps", "fee_bps": "5"}
      """;

  static final String BODY = CONFIG;

  static final String QUEUED =
      """
      {"id": "bt_3c91ef0a5d7e2b14", "status": "queued", "config": %s,
       "submitted_at": "2026-04-29T10:15:00Z", "started_at": null, "finished_at": null,
       "progress": 0.0, "result": null, "error": null}
      """
          .formatted(CONFIG);

  static final String METRICS =
      """
      {"sharpe": "1.84", "sortino": "2.31", "calmar": "1.12", "max_drawdown": "-0.142",
       "win_rate": "0.638", "profit_factor": "1.92", "cagr": "0.187", "expected_value": "12.43",
       "total_trades": 247, "avg_trade_duration_seconds": 14820}
      """;

  static final String DONE =
      """
      {"id": "bt_3c91ef0a5d7e2b14", "status": "done", "config": %s,
       "submitted_at": "2026-04-29T10:15:00Z", "started_at": "2026-04-29T10:15:08Z",
       "finished_at": "2026-04-29T10:17:42Z", "progress": 1.0,
       "result": {"metrics": %s,
         "activity": {"rebalances": 1, "orders_sent": 2, "fills": 2, "orders_rejected": 0,
                      "rejections": [], "skipped_symbols": [], "idle_reason": null},
         "equity_curve": [["2025-01-01T00:00:00Z", "10000.00"],
                          ["2025-01-02T00:00:00Z", "10031.50"]],
         "trades": [{"symbol": "BTCUSDT", "side": "long",
           "entry_time": "2025-01-01T00:00:00Z", "exit_time": "2025-01-02T00:00:00Z",
           "quantity": "0.1", "entry_price": "94000", "exit_price": "94315",
           "gross_pnl": "31.50", "fees": "0.90", "funding": "-0.10", "net_pnl": "30.50"}],
         "output_purged_at": null},
       "error": null}
      """
          .formatted(CONFIG, METRICS);

  static final String LIST =
      """
      {"jobs": [{"id": "bt_3c91ef0a5d7e2b14", "status": "done", "config": %s,
                 "submitted_at": "2026-04-29T10:15:00Z", "started_at": "2026-04-29T10:15:08Z",
                 "finished_at": "2026-04-29T10:17:42Z", "progress": 1.0, "metrics": %s,
                 "error": null}],
       "next_cursor": null}
      """
          .formatted(CONFIG, METRICS);
}
