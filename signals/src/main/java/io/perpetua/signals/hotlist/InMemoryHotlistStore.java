package io.perpetua.signals.hotlist;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link HotlistStore} in memory (tests, tools). Thread-safe (one monitor). */
public final class InMemoryHotlistStore implements HotlistStore {
  private final TreeMap<Long, HotScan> scans = new TreeMap<>();
  private final Map<String, WhitelistEntry> whitelist = new TreeMap<>();

  @Override
  public synchronized boolean insert(HotScan scan) {
    return scans.putIfAbsent(scan.ts(), scan) == null;
  }

  @Override
  public synchronized Optional<HotScan> scan(long ts) {
    return Optional.ofNullable(scans.get(ts));
  }

  @Override
  public synchronized Optional<HotScan> latest() {
    return scans.isEmpty() ? Optional.empty() : Optional.of(scans.lastEntry().getValue());
  }

  @Override
  public synchronized boolean decide(HotCoin decided) {
    HotScan scan = scans.get(decided.scanTs());
    if (scan == null) {
      return false;
    }
    boolean candidate =
        scan.coins().stream()
            .anyMatch(
                c -> c.symbol().equals(decided.symbol()) && HotCoin.CANDIDATE.equals(c.status()));
    if (candidate) {
      scans.put(scan.ts(), scan.with(decided));
    }
    return candidate;
  }

  @Override
  public synchronized void whitelist(WhitelistEntry entry) {
    whitelist.put(entry.symbol(), entry);
  }

  @Override
  public synchronized List<WhitelistEntry> whitelist() {
    return List.copyOf(whitelist.values());
  }
}
