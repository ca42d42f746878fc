package io.perpetua.venue.binance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical stream over successive WebSocket connections: reconnects with exponential back-off
 * after a drop or failed connect, and rotates the connection before {@code maxAge} (Binance closes
 * connections at 24 h). Complete text messages are handed to {@code onMessage} one at a time on the
 * {@code dispatcher}; {@code onConnected} runs there too after every connect (with {@code true} for
 * a reconnect), before the first message of that connection, so the owner can fill gaps.
 *
 * <p>Thread-safe. The URI supplier is asked again on every connect (a new listen key, say).
 */
final class ReconnectingWebSocket implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReconnectingWebSocket.class);
  private static final long MIN_BACKOFF_MS = 50;
  private static final long MAX_BACKOFF_MS = 10_000;

  private final HttpClient http;
  private final Supplier<URI> uri;
  private final Consumer<String> onMessage;
  private final Consumer<Boolean> onConnected;
  private final Duration maxAge;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService dispatcher;
  private final String name;
  private WebSocket current;
  private int generation;
  private int failures;
  private int connects;
  private boolean closed;

  ReconnectingWebSocket(
      String name,
      HttpClient http,
      Supplier<URI> uri,
      Consumer<String> onMessage,
      Consumer<Boolean> onConnected,
      Duration maxAge,
      ScheduledExecutorService scheduler,
      ExecutorService dispatcher) {
    this.name = name;
    this.http = http;
    this.uri = uri;
    this.onMessage = onMessage;
    this.onConnected = onConnected;
    this.maxAge = maxAge;
    this.scheduler = scheduler;
    this.dispatcher = dispatcher;
  }

  /** Opens the first connection. */
  void start() {
    connect();
  }

  /** How many connections were opened so far. */
  synchronized int connects() {
    return connects;
  }

  /** True while a connection is open. */
  synchronized boolean isConnected() {
    return current != null && !current.isOutputClosed() && !current.isInputClosed();
  }

  /** Drops the current connection now and reconnects (listen key renewed, rotation). */
  synchronized void reconnectNow() {
    if (closed) {
      return;
    }
    WebSocket old = current;
    current = null;
    generation++;
    if (old != null) {
      old.abort();
    }
    scheduler.execute(this::connect);
  }

  private void connect() {
    URI target;
    int gen;
    synchronized (this) {
      if (closed) {
        return;
      }
      gen = ++generation;
    }
    try {
      target = uri.get();
    } catch (BinanceApiException | IllegalStateException e) {
      LOG.warn("{}: cannot prepare connection: {}", name, e.getMessage());
      scheduleReconnect(gen);
      return;
    }
    http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(target, new Listener(gen))
        .whenComplete(
            (ws, err) -> {
              if (err != null) {
                LOG.warn("{}: connect failed: {}", name, err.getMessage());
                scheduleReconnect(gen);
              } else {
                opened(gen, ws);
              }
            });
  }

  private void opened(int gen, WebSocket ws) {
    boolean reconnect;
    synchronized (this) {
      if (closed || gen != generation) {
        ws.abort();
        return;
      }
      current = ws;
      failures = 0;
      reconnect = connects > 0;
      connects++;
    }
    dispatcher.execute(() -> onConnected.accept(reconnect));
    scheduler.schedule(() -> rotate(gen), maxAge.toMillis(), TimeUnit.MILLISECONDS);
    ws.request(1);
  }

  private void rotate(int gen) {
    synchronized (this) {
      if (gen != generation || closed) {
        return;
      }
    }
    LOG.info("{}: connection reached its maximum age; reconnecting", name);
    reconnectNow();
  }

  private void scheduleReconnect(int gen) {
    long delay;
    synchronized (this) {
      if (closed || gen != generation) {
        return;
      }
      current = null;
      delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS << Math.min(failures, 10));
      failures++;
    }
    scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    WebSocket ws;
    synchronized (this) {
      closed = true;
      generation++;
      ws = current;
      current = null;
    }
    if (ws != null) {
      ws.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final int gen;
    private final StringBuilder buffer = new StringBuilder();

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String message = buffer.toString();
        buffer.setLength(0);
        dispatcher.execute(
            () -> {
              if (isCurrent()) {
                onMessage.accept(message);
              }
            });
      }
      ws.request(1);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      LOG.info("{}: closed by peer ({} {})", name, statusCode, reason);
      scheduleReconnect(gen);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      LOG.warn("{}: connection error: {}", name, error.toString());
      scheduleReconnect(gen);
    }

    private boolean isCurrent() {
      synchronized (ReconnectingWebSocket.this) {
        return gen == generation;
      }
    }
  }
}
