package io.perpetua.trading.control;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueAccount;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The venue ports behind one control account: the order port ({@link Venue}: its listener is taken
 * by the account's {@link ControlGateway}), the account port ({@link VenueAccount}: positions and
 * balance, read on every sync), the books, and the venue's instruments (tick, step, min notional).
 *
 * @param venue the order port
 * @param account the account port
 * @param books the latest book per instrument (a feed's, or the venue's ticker)
 * @param instruments the venue's instruments by platform id
 */
public record AccountPorts(
    Venue venue, VenueAccount account, Books books, Map<InstrumentId, Instrument> instruments) {
  /** Where books come from. */
  @FunctionalInterface
  public interface Books {
    /** The latest book of {@code instrument}, empty when there is none. */
    Optional<Book> book(InstrumentId instrument);
  }

  /** Validates the ports. */
  public AccountPorts {
    Objects.requireNonNull(venue, "venue");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(books, "books");
    instruments = Map.copyOf(instruments);
  }
}
