package io.perpetua.auth.approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link ApprovalStore} in memory, for tests. Thread-safe (synchronized). */
public final class InMemoryApprovalStore implements ApprovalStore {
  private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();

  @Override
  public synchronized void insert(ApprovalRequest request) {
    if (requests.putIfAbsent(request.id(), request) != null) {
      throw new IllegalArgumentException("request exists");
    }
  }

  @Override
  public synchronized Optional<ApprovalRequest> find(String id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public synchronized List<ApprovalRequest> list(String status, int limit) {
    List<ApprovalRequest> out = new ArrayList<>();
    for (ApprovalRequest r : new ArrayList<>(requests.values()).reversed()) {
      if (out.size() < limit && (status == null || status.equals(r.status()))) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public synchronized boolean decide(ApprovalRequest decided, String expectedStatus) {
    ApprovalRequest current = requests.get(decided.id());
    if (current == null || !current.status().equals(expectedStatus)) {
      return false;
    }
    requests.put(decided.id(), decided);
    return true;
  }
}
