/**
 * Readers for the CSV files of the shared data set and of Binance's bulk downloads: klines ({@link
 * io.perpetua.market.csv.KlineCsvReader}) and funding-rate histories ({@link
 * io.perpetua.market.csv.FundingCsvReader}). Gzip is detected by its magic bytes; malformed lines
 * are handled by an {@link io.perpetua.market.csv.ErrorPolicy}.
 */
package io.perpetua.market.csv;
