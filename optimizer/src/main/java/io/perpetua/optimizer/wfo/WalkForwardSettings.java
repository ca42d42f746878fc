package io.perpetua.optimizer.wfo;

import io.perpetua.core.Echo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walk-forward windows, in days: each fold optimises on {@code train}, picks among the best
 * training candidates on {@code validate} (0: takes the training best), then runs the choice unseen
 * on the next {@code step} days (the forward window); the next fold starts {@code step} days later
 * (rolling) or keeps the first start (anchored: the training window grows). Immutable.
 *
 * @param trainDays training window
 * @param validateDays validation window (0: none)
 * @param stepDays forward window and step between folds
 * @param anchored true when every training window starts at the beginning of the data
 */
public record WalkForwardSettings(int trainDays, int validateDays, int stepDays, boolean anchored) {
  /** Validates. */
  public WalkForwardSettings {
    if (trainDays < 1) {
      throw new IllegalArgumentException("wfo.train: must be at least 1 day, was " + trainDays);
    }
    if (validateDays < 0) {
      throw new IllegalArgumentException("wfo.validate: must be >= 0 days, was " + validateDays);
    }
    if (stepDays < 1) {
      throw new IllegalArgumentException("wfo.step: must be at least 1 day, was " + stepDays);
    }
  }

  /**
   * Parses {@code train=180d,validate=30d,step=30d[,anchored]} (days; the {@code d} is optional).
   *
   * @throws IllegalArgumentException naming the field
   */
  public static WalkForwardSettings parse(String text) {
    Integer train = null;
    int validate = 0;
    Integer step = null;
    boolean anchored = false;
    for (String part : (text == null ? "" : text).split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.equals("anchored") || p.equals("mode=anchored")) {
        anchored = true;
        continue;
      }
      if (p.equals("rolling") || p.equals("mode=rolling")) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "wfo: expected train=Nd,validate=Nd,step=Nd[,anchored], found '" + Echo.of(part) + "'");
      }
      String key = p.substring(0, eq);
      int days = days(key, p.substring(eq + 1));
      switch (key) {
        case "train" -> train = days;
        case "validate" -> validate = days;
        case "step", "forward" -> step = days;
        default ->
            throw new IllegalArgumentException(
                "wfo: unknown window '" + Echo.of(key) + "'; use train, validate, step");
      }
    }
    if (train == null || step == null) {
      throw new IllegalArgumentException(
          "wfo: train and step are required, e.g. train=180d,step=30d");
    }
    return new WalkForwardSettings(train, validate, step, anchored);
  }

  private static int days(String key, String value) {
    String v = value.endsWith("d") ? value.substring(0, value.length() - 1) : value;
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "wfo." + key + ": expected a number of days like 30d, was '" + Echo.of(value) + "'", e);
    }
  }

  /**
   * One fold's windows, epoch ms: [trainStart, trainEnd) [trainEnd, validateEnd) [.., forwardEnd).
   */
  public record Window(long trainStart, long trainEnd, long validateEnd, long forwardEnd) {}

  /**
   * The folds that fit in {@code [startMs, endMs)}: every forward window complete.
   *
   * @throws IllegalArgumentException when not even one fold fits (field {@code wfo})
   */
  public List<Window> windows(long startMs, long endMs) {
    long day = 86_400_000L;
    List<Window> out = new ArrayList<>();
    for (int k = 0; ; k++) {
      long trainEnd = startMs + (trainDays + (long) k * stepDays) * day;
      long trainStart = anchored ? startMs : trainEnd - trainDays * day;
      long validateEnd = trainEnd + validateDays * day;
      long forwardEnd = validateEnd + stepDays * day;
      if (forwardEnd > endMs) {
        break;
      }
      out.add(new Window(trainStart, trainEnd, validateEnd, forwardEnd));
    }
    if (out.isEmpty()) {
      long have = (endMs - startMs) / day;
      throw new IllegalArgumentException(
          "wfo: the windows need "
              + (trainDays + validateDays + stepDays)
              + " days (train + validate + step) but the data range has "
              + have);
    }
    return out;
  }
}
