package io.perpetua.server.v1.control;

/** The example requests and responses of spec 001. */
final class ControlExamples {
  private ControlExamples() {}

  static final String DELTA_REQUEST =
      """
      {"targetDelta": 0.0, "accounts": ["pacifica-main", "aster-hedge"],
       "maxDeviation": 0.1, "symbol": "BTC-USD"}
      """;

  static final String DELTA_RESPONSE =
      """
      {"success": true, "operationId": "delta-ctrl-20241027-001", "timestamp": 1698393600000,
       "initialDelta": 0.25, "finalDelta": 0.02, "deltaDeviation": 0.02,
       "accountsProcessed": ["pacifica-main", "aster-hedge"], "totalAdjustments": 2,
       "executionTime": 1250, "adjustmentNeeded": true,
       "hedgeResults": {"success": true, "executedOrders": [{"accountId": "pacifica-main",
         "symbol": "BTC-USD", "amount": 0.23, "side": "sell"}], "totalCost": 15234.50,
         "netDeltaChange": -0.23}}
      """;

  static final String REBALANCE_REQUEST =
      """
      {"targetUtilization": 0.75, "accounts": ["pacifica-main", "aster-hedge", "binance-backup"],
       "symbol": "BTC-USD", "tolerancePercent": 0.1}
      """;

  static final String HEDGE_REQUEST =
      """
      {"symbol": "BTC-USD", "targetAccounts": ["pacifica-main", "aster-hedge"],
       "hedgeAmount": 0.1, "hedgeStrategy": "delta-neutral", "maxSlippage": 0.005,
       "timeout": 30000, "dryRun": true}
      """;

  static final String SYNC_REQUEST =
      """
      {"accounts": ["pacifica-main", "aster-hedge"], "includePositions": true}
      """;

  static final String LIFECYCLE_REQUEST =
      """
      {"reason": "maintenance", "operator": "ops"}
      """;
}
