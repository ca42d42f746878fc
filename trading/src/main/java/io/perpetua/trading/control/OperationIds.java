package io.perpetua.trading.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Operation ids like spec 001's {@code delta-ctrl-20241027-001}, with the UTC time of day added
 * ({@code delta-ctrl-20241027-183005-001}) so that ids stay unique across restarts: the legs'
 * client order ids derive from them.
 */
final class OperationIds {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private final AtomicLong sequence = new AtomicLong();

  String next(String prefix, long nowMs) {
    return String.format(
        "%s-%s-%03d",
        prefix, FORMAT.format(Instant.ofEpochMilli(nowMs)), sequence.incrementAndGet());
  }
}
