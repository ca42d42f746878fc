/**
 * The Binance adapter's order and filter logic without I/O: the {@code exchangeInfo} filters an
 * order is checked against before it leaves ({@code SymbolFilters}) and the order request built
 * from a platform order ({@code NewOrderRequest}). Under its own mutation threshold
 * (build-tools/mutation/thresholds.tsv).
 */
package io.perpetua.venue.binance.order;
