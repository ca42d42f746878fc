package io.perpetua.server.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.core.Echo;
import io.perpetua.core.InstrumentId;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.signals.hotlist.HotCoin;
import io.perpetua.signals.hotlist.HotScan;
import io.perpetua.signals.hotlist.HotlistException;
import io.perpetua.signals.hotlist.HotlistService;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The hot-coin list (003 §10, issue 17 item 5): {@code GET /api/v1/hotlist} (latest scan or {@code
 * ?ts=}), {@code POST /api/v1/hotlist/scan}, {@code POST /api/v1/hotlist/approve} and {@code
 * .../reject} {@code {ts, symbol, reason}}, {@code GET /api/v1/hotlist/whitelist}. With four-eyes
 * on, an approval files a request ({@code hotlist.approve}) a second admin approves through {@code
 * /api/v1/approvals}. Views in {@link HotlistViews}. Thread-safe.
 */
public final class HotlistRoutes implements RouteGroup {
  private static final String TAG = "Hot coins";
  private static final long HOUR_MS = 3_600_000L;

  static final Param<String> TS =
      Param.string("ts", "[0-9TZ:.+-]+", 40)
          .description("Scan timestamp: epoch milliseconds or ISO-8601 (default: the latest scan)");

  /** Files a four-eyes request for an approval; returns its id. */
  @FunctionalInterface
  public interface Approval {
    /** Files the request for approving {@code symbol} of the scan at {@code ts}. */
    String request(ApiRequest request, long ts, String symbol, String reason);
  }

  private final Supplier<HotlistService> service;
  private final Approval approval;

  /** Routes over {@code service}; {@code approval} null approves at once (four-eyes off). */
  public HotlistRoutes(Supplier<HotlistService> service, Approval approval) {
    this.service = Objects.requireNonNull(service, "service");
    this.approval = approval;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/hotlist")
            .tag(TAG)
            .summary("Hot-coin list")
            .description(
                "The latest scan (or the one at ts): the top N by S = w1·VolJump + w2·Turnover +"
                    + " w3·|OIΔ| + w4·|FundingZ| + w5·RegimeShift with each term (null with the"
                    + " reason when its input is missing), risk tags (price range, safe leverage,"
                    + " fear/greed) and each candidate's status. Before the first scan: ts null and no"
                    + " coins; 404 (40460) when there is no scan at the ts asked for.")
            .param(TS)
            .errors(ApiError.HOTLIST_NOT_FOUND)
            .response(HotlistViews.HotScanView.class, Examples.load("hotlist.json"))
            .handle(this::get),
        Route.post("/api/v1/hotlist/scan")
            .tag(TAG)
            .summary("Run a hot-coin scan")
            .description(
                "Scores the venue's symbols as of ts (default: the current hour) from the data"
                    + " known by then and stores the top N (default the configured N, 1..100)."
                    + " A scan is kept per ts: scanning the same ts again returns it unchanged.")
            .body(HotScanBody.class, Examples.load("hotlist-scan-body.json"))
            .response(HotlistViews.HotScanView.class, Examples.load("hotlist.json"))
            .handle(this::scan),
        Route.post("/api/v1/hotlist/approve")
            .tag(TAG)
            .summary("Approve a hot coin")
            .adminOnly()
            .description(
                "Approves the candidate: it joins the whitelist and the risk engine lets it trade"
                    + " (symbol_not_approved refuses it before). With four-eyes on this files a"
                    + " hotlist.approve request (status pending_approval, approval_id) a second"
                    + " admin approves. 404 (40460) unknown, 409 (40070) expired, 409 (40071)"
                    + " decided.")
            .body(HotDecisionBody.class, Examples.load("hotlist-approve-body.json"))
            .errors(ApiError.HOTLIST_NOT_FOUND, ApiError.HOTLIST_EXPIRED, ApiError.HOTLIST_DECIDED)
            .response(HotlistViews.HotDecisionView.class, Examples.load("hotlist-approve.json"))
            .handle(r -> decide(r, true)),
        Route.post("/api/v1/hotlist/reject")
            .tag(TAG)
            .summary("Reject a hot coin")
            .adminOnly()
            .description("Rejects the candidate; it never joins the whitelist from this scan.")
            .body(HotDecisionBody.class, Examples.load("hotlist-approve-body.json"))
            .errors(ApiError.HOTLIST_NOT_FOUND, ApiError.HOTLIST_EXPIRED, ApiError.HOTLIST_DECIDED)
            .response(HotlistViews.HotDecisionView.class, Examples.load("hotlist-reject.json"))
            .handle(r -> decide(r, false)),
        Route.get("/api/v1/hotlist/whitelist")
            .tag(TAG)
            .summary("Approved hot coins")
            .description(
                "The symbols approved from the hot-coin list, which the risk engine lets trade"
                    + " beside the configured universe and asset pools may draw from.")
            .response(HotlistViews.HotWhitelistView.class, Examples.load("hotlist-whitelist.json"))
            .handle(r -> HotlistViews.whitelist(service().whitelist())));
  }

  private HotlistService service() {
    HotlistService s = service.get();
    if (s == null) {
      throw new ServiceUnavailableException("hot-coin list not started yet", null);
    }
    return s;
  }

  private HotlistViews.HotScanView get(ApiRequest r) {
    HotlistService s = service();
    String raw = r.param(TS).orElse(null);
    if (raw == null) {
      return s.latest().map(x -> HotlistViews.scan(x, s.now())).orElse(HotlistViews.none());
    }
    HotScan scan =
        s.at(timestamp("ts", raw))
            .orElseThrow(
                () ->
                    new ApiException(
                        ApiError.HOTLIST_NOT_FOUND, "No hot-coin scan at ts " + Echo.of(raw)));
    return HotlistViews.scan(scan, s.now());
  }

  private HotlistViews.HotScanView scan(ApiRequest r) {
    HotlistService s = service();
    HotScanBody body = r.body(HotScanBody.class);
    long now = s.now();
    long ts = body.ts() == null ? now - Math.floorMod(now, HOUR_MS) : timestamp("ts", body.ts());
    if (ts > now) {
      throw ApiException.invalid("ts", "not after the current time", body.ts());
    }
    return HotlistViews.scan(s.scan(ts, body.top()), now);
  }

  private HotlistViews.HotDecisionView decide(ApiRequest r, boolean approve) {
    HotlistService s = service();
    HotDecisionBody body = r.body(HotDecisionBody.class);
    long ts = timestamp("ts", body.ts());
    String symbol = symbol(body.symbol());
    String who = r.principal().subject();
    String reason =
        body.reason() != null
            ? body.reason()
            : approve ? "approved in the hot-coin list" : "rejected";
    try {
      if (approve && approval != null) {
        s.candidate(ts, symbol);
        String id = approval.request(r, ts, symbol, reason);
        return new HotlistViews.HotDecisionView(
            Instant.ofEpochMilli(ts), ts, symbol, "pending_approval", id, false);
      }
      HotCoin c = approve ? s.approve(ts, symbol, who, reason) : s.reject(ts, symbol, who, reason);
      return new HotlistViews.HotDecisionView(
          Instant.ofEpochMilli(ts), ts, symbol, c.status(), null, approve);
    } catch (HotlistException e) {
      throw error(e);
    }
  }

  /** The API error of a hot-coin exception. */
  public static ApiException error(HotlistException e) {
    ApiError code =
        switch (e.kind()) {
          case NOT_FOUND -> ApiError.HOTLIST_NOT_FOUND;
          case EXPIRED -> ApiError.HOTLIST_EXPIRED;
          case DECIDED -> ApiError.HOTLIST_DECIDED;
        };
    return new ApiException(code, e.getMessage());
  }

  /** Epoch milliseconds or an ISO-8601 instant. */
  static long timestamp(String field, String raw) {
    String v = raw.strip();
    try {
      if (v.matches("[0-9]{1,15}")) {
        return Long.parseLong(v);
      }
      return Instant.parse(v).toEpochMilli();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ApiException.invalid(
          field, "epoch milliseconds or ISO-8601, e.g. 2023-03-13T00:00:00Z", raw);
    }
  }

  /** The API form of a symbol given as BTC/USDT:USDT or BTCUSDT. */
  static String symbol(String raw) {
    try {
      return InstrumentId.parseAny(raw.strip()).apiSymbol();
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("symbol", "a symbol, e.g. BTC/USDT:USDT or BTCUSDT", raw);
    }
  }

  /** Body of {@code POST /api/v1/hotlist/scan}. */
  record HotScanBody(
      @Doc("As-of timestamp, epoch ms or ISO-8601 (default: the current hour)") String ts,
      @Doc("How many to keep, 1..100 (default: the configured N)") Integer top) {
    /** Validates. */
    HotScanBody {
      if (ts != null && (ts.isBlank() || ts.length() > 40)) {
        throw ApiException.invalid("ts", "epoch milliseconds or ISO-8601", ts);
      }
      if (top != null && (top < 1 || top > 100)) {
        throw ApiException.invalid("top", "1..100", String.valueOf(top));
      }
    }
  }

  /** Body of the approve and reject routes. */
  record HotDecisionBody(
      @JsonProperty(required = true) @Doc("The scan's timestamp (ts_ms of the list)") String ts,
      @JsonProperty(required = true) @Doc("Symbol, BTC/USDT:USDT or BTCUSDT") String symbol,
      @Doc("Why (optional)") String reason) {
    /** Validates. */
    HotDecisionBody {
      ts = RiskRoutes.text(ts, "ts", true);
      symbol = RiskRoutes.text(symbol, "symbol", true);
      reason = RiskRoutes.text(reason, "reason", false);
    }
  }
}
