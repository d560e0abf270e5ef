-- Meter readings of the market data hub (docs/platform.md#meter-readings): one per participant,
-- market and delivery period, the interval's start and end kept for queries by time. And a
-- market's imbalance prices (JSON: pricing, price or shortPrice and longPrice; null: none).
CREATE TABLE meter_readings (
    participant  VARCHAR(64) NOT NULL REFERENCES participants(id),
    market       VARCHAR(64) NOT NULL REFERENCES markets(id),
    period       INT NOT NULL,
    start_at     BIGINT NOT NULL,
    end_at       BIGINT NOT NULL,
    injection    DOUBLE PRECISION NOT NULL,
    withdrawal   DOUBLE PRECISION NOT NULL,
    quality      VARCHAR(16) NOT NULL,
    recorded_by  VARCHAR(64) NOT NULL,
    recorded_at  BIGINT NOT NULL,
    PRIMARY KEY (participant, market, period)
);
CREATE INDEX meter_readings_by_market ON meter_readings (market, period);
ALTER TABLE markets ADD COLUMN imbalance VARCHAR(1000);
