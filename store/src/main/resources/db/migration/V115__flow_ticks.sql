-- Live order-flow ticks (issue 13 item 2, spec orderflow-and-arbitrage.md §1), written in batches by
-- io.perpetua.market.tick.BatchedTickWriter through io.perpetua.store.jdbc.JdbcFlowTickStore.
-- Trades are keyed by (symbol, agg id): a trade written twice is kept once. The other inputs (mark
-- price/funding, liquidations, book imbalance, spot-perp divergence, open interest, ratios) are one
-- row per sample with the whole record as JSON in doc. flow_tick_meta holds per symbol the tick size,
-- the first/last stored agg id (the catch-up point after a restart) and the first/last event time;
-- it is written in the same transaction as the rows it describes. Times are epoch ms, symbols venue
-- symbols (BTCUSDT). Not partitioned by month (the spec's ~10 GB/month for BTC+ETH): see
-- docs/orderflow.md.

CREATE TABLE flow_agg_trades (
    symbol        VARCHAR(32)      NOT NULL,
    agg_id        BIGINT           NOT NULL,
    time_ms       BIGINT           NOT NULL,
    price         DOUBLE PRECISION NOT NULL,
    quantity      DOUBLE PRECISION NOT NULL,
    buyer_maker   BOOLEAN          NOT NULL,
    PRIMARY KEY (symbol, agg_id)
);
CREATE INDEX flow_agg_trades_time_idx ON flow_agg_trades (symbol, time_ms);

CREATE TABLE flow_market_ticks (
    symbol        VARCHAR(32)      NOT NULL,
    kind          VARCHAR(32)      NOT NULL,
    time_ms       BIGINT           NOT NULL,
    doc           TEXT             NOT NULL
);
CREATE INDEX flow_market_ticks_time_idx ON flow_market_ticks (symbol, time_ms);

CREATE TABLE flow_tick_meta (
    symbol        VARCHAR(32)      NOT NULL PRIMARY KEY,
    tick_size     VARCHAR(40),
    first_agg_id  BIGINT           NOT NULL,
    last_agg_id   BIGINT           NOT NULL,
    first_time_ms BIGINT           NOT NULL,
    last_time_ms  BIGINT           NOT NULL
);
