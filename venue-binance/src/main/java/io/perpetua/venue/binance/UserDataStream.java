package io.perpetua.venue.binance;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user-data stream: creates a listen key ({@code POST /fapi/v1/listenKey}) before every
 * connect, keeps it alive periodically ({@code PUT}), renews it and reconnects when the venue says
 * it expired (a {@code listenKeyExpired} event or error {@code -1125} on keep-alive), reconnects
 * after drops and before 24 h, and closes it on {@link #close()}. After every reconnect {@code
 * onReconnected} runs so the owner can reconcile what it may have missed (orders and fills).
 *
 * <p>Events reach the consumer on one thread, in order.
 */
public final class UserDataStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UserDataStream.class);
  private final BinanceRestClient rest;
  private final Consumer<UserDataEvent> consumer;
  private final Runnable onReconnected;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService dispatcher;
  private final ReconnectingWebSocket socket;

  /** A stream delivering to {@code consumer}. */
  public UserDataStream(
      BinanceRestClient rest, Consumer<UserDataEvent> consumer, Runnable onReconnected) {
    this.rest = rest;
    this.consumer = consumer;
    this.onReconnected = onReconnected;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(MarketDataStream.daemon("binance-user-timer"));
    this.dispatcher = Executors.newSingleThreadExecutor(MarketDataStream.daemon("binance-user"));
    this.socket =
        new ReconnectingWebSocket(
            "user-data stream",
            HttpClient.newHttpClient(),
            () -> URI.create(rest.config().wsBaseUrl() + "/ws/" + rest.createListenKey()),
            this::onMessage,
            reconnect -> {
              if (reconnect) {
                rest.meter().reconnected("user-data");
                onReconnected.run();
              }
            },
            rest.config().maxConnectionAge(),
            scheduler,
            dispatcher);
  }

  /** Connects and starts the keep-alive. */
  public void start() {
    socket.start();
    long period = rest.config().listenKeyKeepAlive().toMillis();
    scheduler.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
  }

  /** True while connected. */
  public boolean isConnected() {
    return socket.isConnected();
  }

  /** Connections opened so far (1 + reconnects). */
  public int connects() {
    return socket.connects();
  }

  private void keepAlive() {
    try {
      rest.keepAliveListenKey();
    } catch (BinanceApiException e) {
      if (e.code() == BinanceApiException.LISTEN_KEY_NOT_FOUND) {
        LOG.warn("listen key no longer exists; renewing and reconnecting");
        socket.reconnectNow();
      } else {
        LOG.warn("listen key keep-alive failed: {}", e.getMessage());
      }
    }
  }

  private void onMessage(String message) {
    UserDataEvent event;
    try {
      event = UserDataEvent.parse(message);
    } catch (IllegalArgumentException e) {
      LOG.warn("dropping malformed user-data message: {}", e.getMessage());
      return;
    }
    if (event instanceof UserDataEvent.ListenKeyExpired) {
      LOG.warn("listen key expired; renewing and reconnecting");
      socket.reconnectNow();
      return;
    }
    consumer.accept(event);
  }

  @Override
  public void close() {
    socket.close();
    scheduler.shutdownNow();
    dispatcher.shutdownNow();
    try {
      rest.closeListenKey();
    } catch (BinanceApiException e) {
      LOG.debug("closing the listen key failed: {}", e.getMessage());
    }
  }
}
