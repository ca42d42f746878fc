package io.perpetua.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.server.json.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request bodies of each {@link WebhookChannel.Format}: Discord ({@code content} up to 2,000
 * characters plus one embed with up to 25 fields), Telegram {@code sendMessage} ({@code chat_id},
 * {@code text} up to 4,096 characters) and generic JSON ({@code kind, severity, title, text, time,
 * fields}). Stateless.
 */
public final class WebhookPayloads {
  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final int DISCORD_CONTENT = 2_000;
  private static final int DISCORD_FIELDS = 25;
  private static final int TELEGRAM_TEXT = 4_096;

  private WebhookPayloads() {}

  /** The JSON body for {@code n} on {@code channel}. */
  public static String body(WebhookChannel channel, Notification n) {
    Object body =
        switch (channel.format()) {
          case DISCORD -> discord(n);
          case TELEGRAM -> telegram(channel.chatId(), n);
          case GENERIC -> generic(n);
        };
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> discord(Notification n) {
    List<Map<String, Object>> fields = new ArrayList<>();
    for (var f : n.fields().entrySet()) {
      if (fields.size() == DISCORD_FIELDS) {
        break;
      }
      Map<String, Object> field = new LinkedHashMap<>();
      field.put("name", f.getKey());
      field.put("value", String.valueOf(f.getValue()));
      field.put("inline", true);
      fields.add(field);
    }
    Map<String, Object> embed = new LinkedHashMap<>();
    embed.put("title", cut(n.title(), 256));
    embed.put("description", cut(n.text(), 4_096));
    embed.put("timestamp", Instant.ofEpochMilli(n.timeMs()));
    embed.put("fields", fields);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("content", cut(tag(n) + " " + n.title(), DISCORD_CONTENT));
    body.put("embeds", List.of(embed));
    return body;
  }

  private static Map<String, Object> telegram(String chatId, Notification n) {
    StringBuilder text = new StringBuilder();
    text.append(tag(n)).append(' ').append(n.title()).append('\n').append(n.text());
    for (var f : n.fields().entrySet()) {
      text.append('\n').append(f.getKey()).append(": ").append(f.getValue());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("chat_id", chatId);
    body.put("text", cut(text.toString(), TELEGRAM_TEXT));
    body.put("disable_web_page_preview", true);
    return body;
  }

  private static Map<String, Object> generic(Notification n) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", n.kind());
    body.put("severity", n.severity());
    body.put("title", n.title());
    body.put("text", n.text());
    body.put("time", Instant.ofEpochMilli(n.timeMs()));
    body.put("fields", n.fields());
    return body;
  }

  private static String tag(Notification n) {
    return "[" + n.severity().toUpperCase(Locale.ROOT) + " " + n.kind() + "]";
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
