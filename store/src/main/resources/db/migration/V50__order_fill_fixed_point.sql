-- Exact fill state of an order (issue 11): the filled quantity as a raw long at the order's
-- quantity_scale and the average fill price as a raw long at scale 8. The DOUBLE PRECISION columns
-- stay for readers of the table; rows written before this migration have only those and are read
-- back by rounding them to the same scales.
ALTER TABLE orders ADD COLUMN filled_quantity_raw BIGINT;
ALTER TABLE orders ADD COLUMN average_fill_price_raw BIGINT;
