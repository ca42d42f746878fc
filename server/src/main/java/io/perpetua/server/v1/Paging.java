package io.perpetua.server.v1;

import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.json.Doc;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The spec's pagination (§1: {@code page}, {@code page_size}) and date-range parameters, shared by
 * every paginated V1 route (the order-flow routes included).
 */
public final class Paging {
  /** Largest page size any list accepts. */
  public static final int MAX_PAGE_SIZE = 500;

  public static final Param<Integer> PAGE =
      Param.integer("page", 1, 1_000_000).withDefault(1).description("1-based page number.");
  public static final Param<LocalDate> START_DATE =
      Param.date("start_date").description("Only items on or after this UTC day (YYYY-MM-DD).");
  public static final Param<LocalDate> END_DATE =
      Param.date("end_date").description("Only items on or before this UTC day (YYYY-MM-DD).");

  private Paging() {}

  /** {@code page_size} in 1..{@value #MAX_PAGE_SIZE} with {@code defaultSize}. */
  public static Param<Integer> pageSize(int defaultSize) {
    return Param.integer("page_size", 1, MAX_PAGE_SIZE)
        .withDefault(defaultSize)
        .description("Items per page, 1.." + MAX_PAGE_SIZE + ".");
  }

  /** Epoch ms of the start of {@code start_date} (0 when absent). */
  public static long fromMs(ApiRequest request) {
    return request.param(START_DATE).map(Paging::startOf).orElse(0L);
  }

  /** Epoch ms of the end of {@code end_date} (max when absent); 40001 when before start_date. */
  public static long toMs(ApiRequest request) {
    Optional<LocalDate> end = request.param(END_DATE);
    Optional<LocalDate> start = request.param(START_DATE);
    if (end.isPresent() && start.isPresent() && end.get().isBefore(start.get())) {
      throw ApiException.invalid("end_date", "a date on or after start_date", end.get().toString());
    }
    return end.map(d -> startOf(d.plusDays(1)) - 1).orElse(Long.MAX_VALUE);
  }

  /** Epoch ms of the start of {@code day} (UTC). */
  public static long startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /**
   * The spec's pagination object.
   *
   * @param page 1-based page
   * @param pageSize items per page
   * @param totalItems items matching in all
   * @param totalPages pages in all
   */
  public record Pagination(
      @Doc("1-based page") int page,
      @Doc("Items per page") int pageSize,
      @Doc("Items matching in all") long totalItems,
      @Doc("Pages in all") long totalPages) {
    /** The pagination of page {@code page} of {@code pageSize} over {@code total} items. */
    public static Pagination of(int page, int pageSize, long total) {
      return new Pagination(page, pageSize, total, (total + pageSize - 1) / pageSize);
    }
  }
}
