package io.perpetua.server.stream;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;

/** A {@link StreamSink} over a Jetty WebSocket session: asynchronous text writes. */
final class JettySink implements StreamSink {
  private final Session session;

  JettySink(Session session) {
    this.session = session;
  }

  @Override
  public void send(String text, Runnable done) {
    if (!session.isOpen()) {
      done.run();
      return;
    }
    session
        .getRemote()
        .sendString(
            text,
            new WriteCallback() {
              @Override
              public void writeFailed(Throwable x) {
                done.run();
              }

              @Override
              public void writeSuccess() {
                done.run();
              }
            });
  }

  @Override
  public void close(int code, String reason) {
    if (session.isOpen()) {
      session.close(code, reason);
    }
  }

  @Override
  public void disconnect() {
    session.disconnect();
  }

  @Override
  public boolean isOpen() {
    return session.isOpen();
  }
}
