package io.perpetua.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder to a local service that a test can stop (refusing and cutting every
 * connection, as an outage does) and start again on the same port.
 */
final class TcpProxy implements AutoCloseable {
  private final InetAddress loopback = InetAddress.getLoopbackAddress();
  private final int upstreamPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private ServerSocket server;
  private Thread acceptor;
  private int port;

  TcpProxy(int upstreamPort) {
    this.upstreamPort = upstreamPort;
    start();
  }

  int port() {
    return port;
  }

  synchronized void start() {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(loopback, port));
      server = s;
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerSocket current = server;
    acceptor = Thread.ofPlatform().daemon().name("proxy-accept").start(() -> acceptLoop(current));
  }

  synchronized void stop() {
    closeQuietly(server);
    try {
      acceptor.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  private void acceptLoop(ServerSocket listening) {
    while (true) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException closed) {
        return;
      }
      try {
        Socket upstream = new Socket(loopback, upstreamPort);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread.ofPlatform()
        .daemon()
        .name("proxy-pump")
        .start(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException ignored) {
                // the peer or the proxy closed the connection
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            });
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing during an outage simulation; nothing to do
    }
  }

  @Override
  public void close() {
    stop();
  }
}
