package io.perpetua.server.stream;

/**
 * The client end of a stream subscription (a WebSocket session in production). Implementations must
 * not block in {@link #send}: the write completes later and reports through the callback.
 */
interface StreamSink {
  /**
   * Starts an asynchronous write of {@code text}; {@code done} runs once it completed or failed.
   */
  void send(String text, Runnable done);

  /** Closes with a WebSocket close code and reason (asynchronous, best effort). */
  void close(int code, String reason);

  /** Drops the connection at once, without a close handshake. */
  void disconnect();

  /** Whether the connection is still open. */
  boolean isOpen();
}
