package io.perpetua.trading.port;

/**
 * What a venue adapter reports for the platform's metrics: each REST request's endpoint, outcome
 * and latency, the request weight the venue says is used (Binance's {@code X-MBX-USED-WEIGHT-1M}),
 * and each reconnect of one of its streams. The adapter calls it on its own threads;
 * implementations are thread-safe and quick (a counter increment), and never throw.
 */
public interface VenueMeter {
  /** Reports nothing. */
  VenueMeter NONE =
      new VenueMeter() {
        @Override
        public void request(String endpoint, int status, long nanos) {}

        @Override
        public void usedWeight(int weight) {}

        @Override
        public void reconnected(String stream) {}
      };

  /**
   * One REST request finished.
   *
   * @param endpoint method and path template, e.g. {@code GET /fapi/v1/klines} (never a query)
   * @param status the HTTP status, 0 when no response came (timeout, network)
   * @param nanos wall time from send to response
   */
  void request(String endpoint, int status, long nanos);

  /** The venue reports {@code weight} of its request-weight budget used in the current window. */
  void usedWeight(int weight);

  /** The stream {@code stream} (e.g. {@code market}, {@code user-data}) connected again. */
  void reconnected(String stream);
}
