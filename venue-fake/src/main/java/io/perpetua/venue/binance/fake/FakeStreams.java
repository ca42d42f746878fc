package io.perpetua.venue.binance.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake's WebSocket side, after Binance USDT-M: raw ({@code /ws}, {@code /ws/<stream>}) and
 * combined ({@code /stream?streams=a/b}, events wrapped as {@code {"stream","data"}}) connections,
 * under the legacy root and the {@code /public}, {@code /market} and {@code /private} routes; the
 * {@code SUBSCRIBE}, {@code UNSUBSCRIBE}, {@code LIST_SUBSCRIPTIONS}, {@code SET_PROPERTY} and
 * {@code GET_PROPERTY} methods with their {@code {"result":…,"id":…}} replies; user data on {@code
 * /ws/<listenKey>} or {@code ?listenKey=}. A stream name the venue does not know is an error (a
 * {@code {"code":2,…}} reply, or close code 1008 when it is in the URL), never silence. Any stream
 * is accepted on any route (the fake does not split streams by route). Thread-safe.
 */
final class FakeStreams {
  private static final Logger LOG = LoggerFactory.getLogger(FakeStreams.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern KIND =
      Pattern.compile(
          "aggTrade|trade|forceOrder|bookTicker|ticker|miniTicker|markPrice(@1s)?|depth(5|10|20)?(@(0|100|250|500)ms)?"
              + "|kline_[0-9]+[mhdwM]");
  private static final Set<String> ROUTES = Set.of("public", "market", "private");

  /** A connection: its streams, whether combined, and its listen key (user data) or null. */
  private static final class Session {
    final Set<String> streams = ConcurrentHashMap.newKeySet();
    volatile boolean combined;
    volatile String listenKey;
  }

  private final Map<WsContext, Session> sessions = new ConcurrentHashMap<>();

  private final AtomicInteger userOpened = new AtomicInteger();

  private final Predicate<String> isListenKey;
  private final Set<String> symbols;

  FakeStreams(Predicate<String> isListenKey, List<FakeListing> listings) {
    this.isListenKey = isListenKey;
    this.symbols =
        Set.copyOf(listings.stream().map(l -> l.symbol().toLowerCase(Locale.ROOT)).toList());
  }

  void register(Javalin app) {
    for (String prefix : List.of("", "/{route}")) {
      app.ws(prefix + "/ws", ws -> handlers(ws, false));
      app.ws(prefix + "/ws/{name}", ws -> handlers(ws, false));
      app.ws(prefix + "/stream", ws -> handlers(ws, true));
    }
  }

  private void handlers(WsConfig ws, boolean combined) {
    ws.onConnect(ctx -> connect(ctx, combined));
    ws.onMessage(ctx -> message(ctx, ctx.message()));
    ws.onClose(sessions::remove);
    ws.onError(sessions::remove);
  }

  private void connect(WsContext ctx, boolean combined) {
    String route = ctx.pathParamMap().get("route");
    if (route != null && !ROUTES.contains(route)) {
      ctx.closeSession(1008, "unknown route /" + route);
      return;
    }
    Session s = new Session();
    s.combined = combined;
    String name = ctx.pathParamMap().get("name");
    String key = ctx.queryParam("listenKey");
    if (name != null && isListenKey.test(name)) {
      s.listenKey = name;
    } else if (key != null) {
      if (!isListenKey.test(key)) {
        ctx.closeSession(1008, "invalid listen key");
        return;
      }
      s.listenKey = key;
    } else if (name != null && name.contains("@")) {
      if (!valid(name)) {
        ctx.closeSession(1008, "unknown stream " + name);
        return;
      }
      s.streams.add(name);
    }
    String list = ctx.queryParam("streams");
    if (combined && list != null && !list.isBlank()) {
      for (String stream : list.split("/")) {
        if (!valid(stream)) {
          ctx.closeSession(1008, "unknown stream " + stream);
          return;
        }
        s.streams.add(stream);
      }
    }
    sessions.put(ctx, s);
    if (s.listenKey != null) {
      userOpened.incrementAndGet();
    }
  }

  private void message(WsContext ctx, String text) {
    Session s = sessions.get(ctx);
    if (s == null) {
      return;
    }
    JsonNode req;
    try {
      req = MAPPER.readTree(text);
    } catch (Exception e) {
      send(ctx, error(3, "Invalid JSON: " + e.getMessage(), null));
      return;
    }
    JsonNode id = req.get("id");
    String method = req.path("method").asText("");
    JsonNode params = req.path("params");
    switch (method) {
      case "SUBSCRIBE", "UNSUBSCRIBE" -> change(ctx, s, "SUBSCRIBE".equals(method), params, id);
      case "LIST_SUBSCRIPTIONS" -> {
        ArrayNode result = JSON.arrayNode();
        s.streams.stream().sorted().forEach(result::add);
        send(ctx, reply(result, id));
      }
      case "SET_PROPERTY" -> {
        if (!"combined".equals(params.path(0).asText()) || !params.path(1).isBoolean()) {
          send(ctx, error(2, "Invalid request: unknown property", id));
          return;
        }
        s.combined = params.path(1).asBoolean();
        send(ctx, reply(JSON.nullNode(), id));
      }
      case "GET_PROPERTY" -> send(ctx, reply(JSON.booleanNode(s.combined), id));
      default -> send(ctx, error(2, "Invalid request: unknown method '" + method + "'", id));
    }
  }

  private void change(WsContext ctx, Session s, boolean add, JsonNode params, JsonNode id) {
    if (!params.isArray() || params.isEmpty()) {
      send(ctx, error(2, "Invalid request: params must be a non-empty array", id));
      return;
    }
    for (JsonNode p : params) {
      if (!p.isTextual() || !valid(p.asText())) {
        send(ctx, error(2, "Invalid request: unknown stream " + p, id));
        return;
      }
    }
    for (JsonNode p : params) {
      if (add) {
        s.streams.add(p.asText());
      } else {
        s.streams.remove(p.asText());
      }
    }
    send(ctx, reply(JSON.nullNode(), id));
  }

  /** True for {@code <listed symbol>@<known stream kind>} (or a listen key). */
  boolean valid(String stream) {
    int at = stream.indexOf('@');
    if (at <= 0) {
      return isListenKey.test(stream);
    }
    String kind = stream.substring(at + 1);
    if (!symbols.contains(stream.substring(0, at)) || !KIND.matcher(kind).matches()) {
      return false;
    }
    return !kind.startsWith("kline_") || FakeInterval.of(kind.substring(6)).isPresent();
  }

  /** True when a connection listens to {@code stream} (or to one of its speeds). */
  boolean listens(String stream) {
    for (Session s : sessions.values()) {
      if (matches(s, stream) != null) {
        return true;
      }
    }
    return false;
  }

  void publishMarket(String stream, ObjectNode event) {
    String raw = null;
    for (Map.Entry<WsContext, Session> e : sessions.entrySet()) {
      String name = matches(e.getValue(), stream);
      if (name == null) {
        continue;
      }
      if (e.getValue().combined) {
        send(e.getKey(), JSON.objectNode().put("stream", name).set("data", event).toString());
      } else {
        raw = raw == null ? event.toString() : raw;
        send(e.getKey(), raw);
      }
    }
  }

  void publishUser(String text) {
    for (Map.Entry<WsContext, Session> e : sessions.entrySet()) {
      if (e.getValue().listenKey != null) {
        send(e.getKey(), text);
      }
    }
  }

  /** Sends {@code raw} to every connection subscribed to exactly {@code stream}. */
  void inject(String stream, String raw) {
    for (Map.Entry<WsContext, Session> e : sessions.entrySet()) {
      if (e.getValue().streams.contains(stream)) {
        send(e.getKey(), raw);
      }
    }
  }

  /** Tells every user-data connection its key lapsed (Binance's {@code listenKeyExpired}). */
  void expireUserSessions(long now) {
    for (Map.Entry<WsContext, Session> e : sessions.entrySet()) {
      if (e.getValue().listenKey != null) {
        ObjectNode ev =
            JSON.objectNode()
                .put("e", "listenKeyExpired")
                .put("E", now)
                .put("listenKey", e.getValue().listenKey);
        send(e.getKey(), ev.toString());
      }
    }
  }

  /** User-data connections ever registered (monotonic: a close does not lower it). */
  int userConnectionsOpened() {
    return userOpened.get();
  }

  int userConnections() {
    return (int) sessions.values().stream().filter(s -> s.listenKey != null).count();
  }

  /** User-data connections whose listen key is still valid (not expired or closed). */
  int liveUserConnections() {
    return (int)
        sessions.values().stream()
            .filter(s -> s.listenKey != null && isListenKey.test(s.listenKey))
            .count();
  }

  int marketConnections() {
    return (int) sessions.values().stream().filter(s -> s.listenKey == null).count();
  }

  void dropAll() {
    for (WsContext ctx : List.copyOf(sessions.keySet())) {
      sessions.remove(ctx);
      ctx.closeSession(1001, "dropped by fault injection");
    }
  }

  /** The subscribed stream name that carries {@code stream}'s events, or null. */
  private static String matches(Session s, String stream) {
    for (String name : s.streams) {
      if (name.equals(stream) || name.startsWith(stream + "@")) {
        return name;
      }
    }
    return null;
  }

  private static String reply(JsonNode result, JsonNode id) {
    ObjectNode o = JSON.objectNode();
    o.set("result", result);
    o.set("id", id == null ? JSON.nullNode() : id);
    return o.toString();
  }

  private static String error(int code, String msg, JsonNode id) {
    ObjectNode o = JSON.objectNode().put("code", code).put("msg", msg);
    o.set("id", id == null ? JSON.nullNode() : id);
    return o.toString();
  }

  static void send(WsContext ctx, String text) {
    synchronized (ctx) {
      try {
        if (ctx.session.isOpen()) {
          ctx.send(text);
        }
      } catch (Exception e) { // Kotlin rethrows Jetty's IOException undeclared
        LOG.debug("send to a closing session failed: {}", e.toString());
      }
    }
  }
}
