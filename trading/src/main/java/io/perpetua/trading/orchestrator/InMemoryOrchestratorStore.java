package io.perpetua.trading.orchestrator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@link OrchestratorStore} in memory (tests, no database). Thread-safe. */
public final class InMemoryOrchestratorStore implements OrchestratorStore {
  private final Map<String, JobState> jobs = new TreeMap<>();
  private final Map<Long, Run> runs = new LinkedHashMap<>();
  private long seq;

  @Override
  public synchronized void register(List<JobDefinition> defs, long nowMs) {
    for (JobDefinition d : defs) {
      JobState s = jobs.get(d.name());
      if (s == null || !s.cron().equals(d.cron())) {
        jobs.put(
            d.name(),
            new JobState(
                d.name(),
                d.cron(),
                d.description(),
                d.next(nowMs),
                s == null ? null : s.lastRunMs()));
      }
    }
  }

  @Override
  public synchronized List<Claim> claimDue(long nowMs, String instance) {
    List<Claim> out = new ArrayList<>();
    for (JobState s : List.copyOf(jobs.values())) {
      if (s.nextDueMs() <= nowMs) {
        JobDefinition d = new JobDefinition(s.name(), s.cron(), s.description());
        jobs.put(s.name(), new JobState(s.name(), s.cron(), s.description(), d.next(nowMs), nowMs));
        long id = ++seq;
        runs.put(
            id,
            new Run(
                id,
                s.name(),
                OrchestratorStore.trigger(s.nextDueMs(), nowMs),
                s.nextDueMs(),
                nowMs,
                null,
                "running",
                "",
                instance));
        out.add(new Claim(id, s.name(), s.nextDueMs()));
      }
    }
    return out;
  }

  @Override
  public synchronized long record(
      String job, String trigger, long atMs, String instance, String status, String summary) {
    long id = ++seq;
    runs.put(id, new Run(id, job, trigger, atMs, atMs, atMs, status, summary, instance));
    return id;
  }

  @Override
  public synchronized void finish(long runId, String status, String summary, long endedMs) {
    Run r = runs.get(runId);
    if (r != null) {
      runs.put(
          runId,
          new Run(
              r.id(),
              r.job(),
              r.trigger(),
              r.scheduledForMs(),
              r.startedMs(),
              endedMs,
              status,
              summary,
              r.instance()));
    }
  }

  @Override
  public synchronized int abandon(long startedBeforeMs, String reason, long nowMs) {
    int n = 0;
    for (Run r : List.copyOf(runs.values())) {
      if ("running".equals(r.status()) && r.startedMs() < startedBeforeMs) {
        String summary = r.summary().isEmpty() ? reason : r.summary() + "; " + reason;
        finish(r.id(), "abandoned", summary, nowMs);
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized int prune(long beforeMs) {
    int before = runs.size();
    runs.values().removeIf(r -> r.startedMs() < beforeMs && !"running".equals(r.status()));
    return before - runs.size();
  }

  @Override
  public synchronized List<JobState> jobs() {
    return List.copyOf(jobs.values());
  }

  @Override
  public synchronized List<Run> runs(String job, int limit, long beforeId) {
    List<Run> out = new ArrayList<>();
    List<Run> all = new ArrayList<>(runs.values());
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
      Run r = all.get(i);
      if (r.id() < beforeId && (job == null || job.equals(r.job()))) {
        out.add(r);
      }
    }
    return out;
  }
}
