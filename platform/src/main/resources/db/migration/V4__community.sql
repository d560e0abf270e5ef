-- A community/central market's community (JSON: manager, members, prices, fee, caps;
-- docs/platform.md#community-markets, markets.md section 2).
ALTER TABLE markets ADD COLUMN community VARCHAR(100000);
