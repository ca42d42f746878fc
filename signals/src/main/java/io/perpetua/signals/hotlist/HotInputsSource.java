package io.perpetua.signals.hotlist;

import java.io.IOException;
import java.util.List;

/** Where a scan's inputs come from: the venue's symbols with their data around a timestamp. */
@FunctionalInterface
public interface HotInputsSource {
  /** Every symbol's inputs covering at least {@code days} days before {@code ts}. */
  List<HotInputs> load(long ts, int days) throws IOException;
}
