package io.perpetua.server.notify;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured webhook destination. Immutable. Its {@link #url} holds the secret (a Discord
 * webhook token, a Telegram bot token) and is never logged or returned: {@link #toString()} names
 * only the channel.
 *
 * @param name the channel's name (dead letters, logs, metrics)
 * @param format how payloads are shaped
 * @param url where to POST
 * @param kinds the notification kinds it receives (its filter); empty: every kind
 * @param minSeverity the least severity it receives ({@code info}: all)
 * @param chatId the Telegram chat id ({@link Format#TELEGRAM} only)
 */
public record WebhookChannel(
    String name, Format format, URI url, Set<String> kinds, String minSeverity, String chatId) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** Payload shapes. */
  public enum Format {
    /** Discord's webhook body: {@code content} and one embed with fields. */
    DISCORD,
    /** Telegram Bot API {@code sendMessage}: {@code chat_id} and {@code text}. */
    TELEGRAM,
    /** The notification itself as JSON. */
    GENERIC;

    /** Parses {@code discord}, {@code telegram} or {@code generic}. */
    public static Format parse(String s) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(s)) {
          return f;
        }
      }
      throw new IllegalArgumentException(
          "unknown webhook format '" + s + "'; expected discord, telegram or generic");
    }

    /** The lower-case name. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates. */
  public WebhookChannel {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "webhook name must be 1-64 of [a-z0-9_-], starting with a letter or digit: " + name);
    }
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("webhook '" + name + "': the URL must be http(s)");
    }
    kinds = Set.copyOf(kinds);
    for (String k : kinds) {
      if (!Notification.KINDS.contains(k)) {
        throw new IllegalArgumentException(
            "webhook '" + name + "': unknown kind '" + k + "'; " + Notification.KINDS);
      }
    }
    if (!Notification.SEVERITIES.contains(minSeverity)) {
      throw new IllegalArgumentException(
          "webhook '" + name + "': unknown min_severity '" + minSeverity + "'");
    }
    if (format == Format.TELEGRAM && (chatId == null || chatId.isBlank())) {
      throw new IllegalArgumentException("webhook '" + name + "': telegram needs a chat_id");
    }
  }

  /** Whether this channel receives {@code n} (its kind and severity filter). */
  public boolean accepts(Notification n) {
    List<String> order = Notification.SEVERITIES;
    return (kinds.isEmpty() || kinds.contains(n.kind()))
        && order.indexOf(n.severity()) >= order.indexOf(minSeverity);
  }

  @Override
  public String toString() {
    return "WebhookChannel[" + name + ", " + format.code() + "]";
  }
}
