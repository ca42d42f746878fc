package io.perpetua.app.cli;

import io.perpetua.market.importer.ProgressListener;
import java.io.PrintStream;

/**
 * A one-line text progress bar on a terminal ({@code \r} redraws), or a line every 10 % when the
 * output is not a terminal. Not thread-safe.
 */
public final class ProgressBar implements ProgressListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final String label;
  private final boolean tty = System.console() != null;
  private int lastDecile = -1;

  /** A bar labelled {@code label} on {@code out}. */
  public ProgressBar(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  @Override
  public void onProgress(long done, long total, String item) {
    double f = total <= 0 ? 1.0 : Math.min(1.0, done / (double) total);
    int pct = (int) Math.round(f * 100);
    if (tty) {
      int filled = (int) Math.round(f * WIDTH);
      String name = item == null ? "" : item.length() > 28 ? item.substring(0, 28) : item;
      out.printf(
          "\r%s [%s%s] %3d%% %-28s",
          label, "#".repeat(filled), " ".repeat(WIDTH - filled), pct, name);
      if (done >= total) {
        out.println();
      }
    } else if (pct / 10 != lastDecile) {
      lastDecile = pct / 10;
      out.printf("%s %3d%% %s%n", label, pct, item == null ? "" : item);
    }
    out.flush();
  }
}
