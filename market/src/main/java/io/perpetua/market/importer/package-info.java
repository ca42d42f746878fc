/**
 * Imports CSV files and directories into the catalogs: {@link
 * io.perpetua.market.importer.KlineImporter} for Binance klines and {@link
 * io.perpetua.market.importer.FundingImporter} for funding histories, with progress reporting and a
 * report of what was imported and what was wrong.
 */
package io.perpetua.market.importer;
