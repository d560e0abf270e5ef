-- A market's own order limits (JSON: minQuantity, maxQuantity, maxPrice, maxValue; null: the
-- platform's defaults), and the delivery periods whose gate closure failed for good, with the
-- cause (docs/platform.md#quarantined-periods).
ALTER TABLE markets ADD COLUMN limits VARCHAR(1000);
CREATE TABLE quarantined_periods (
    market          VARCHAR(64) NOT NULL,
    period          INT NOT NULL,
    cause           VARCHAR(4000) NOT NULL,
    attempts        INT NOT NULL,
    quarantined_at  BIGINT NOT NULL,
    PRIMARY KEY (market, period)
);
