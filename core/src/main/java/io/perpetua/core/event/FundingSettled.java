package io.perpetua.core.event;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;

/**
 * Funding was exchanged for a position at a settlement time.
 *
 * @param eventTimeMs settlement time
 * @param instrument the perpetual
 * @param rate the funding rate applied
 * @param amount cash received (positive) or paid (negative)
 */
public record FundingSettled(long eventTimeMs, InstrumentId instrument, double rate, Money amount)
    implements Event {
  @Override
  public String type() {
    return "funding.settled";
  }
}
