package io.perpetua.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in a newest-first job list: lists continue with jobs submitted strictly before it
 * ({@code submittedAt} descending, then {@code id} descending). Immutable.
 *
 * @param submittedAt the submission time of the last job seen
 * @param id the id of the last job seen
 */
public record JobCursor(Instant submittedAt, String id) {
  /** Validates. */
  public JobCursor {
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(id, "id");
  }
}
