package io.perpetua.auth.approval;

import java.util.List;
import java.util.Optional;

/** Four-eyes requests (a port: in memory for tests, JDBC in the platform). Thread-safe. */
public interface ApprovalStore {
  /** Stores a new pending request. */
  void insert(ApprovalRequest request);

  /** The request. */
  Optional<ApprovalRequest> find(String id);

  /** Requests, newest first, only {@code status} when not null, at most {@code limit}. */
  List<ApprovalRequest> list(String status, int limit);

  /**
   * Atomically replaces a request whose stored status is {@code expectedStatus} (so two approvers
   * cannot both decide it).
   *
   * @return false if its status is no longer {@code expectedStatus}
   */
  boolean decide(ApprovalRequest decided, String expectedStatus);
}
