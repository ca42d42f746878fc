package io.perpetua.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server that accepts every connection and never answers: a database or service that
 * hangs, for timeout tests. Closing it closes the connections it holds.
 */
public final class SilentServer implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /** Listens on a free loopback port at once. */
  public SilentServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = Thread.ofPlatform().daemon().name("silent-server").start(this::accept);
  }

  /** The port it listens on. */
  public int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    try {
      while (true) {
        held.add(socket.accept()); // and never answer
      }
    } catch (IOException closed) {
      // closed: the test is over
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Socket s : held) {
      s.close();
    }
  }
}
