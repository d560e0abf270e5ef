-- Live DSO policies (docs/platform.md#dso-policy): the grid charge per kWh each trade's buyer pays to the DSO,
-- the part of a bill's paid that went to the DSO, and a constrained period's congestion (JSON).
ALTER TABLE trades ADD COLUMN charge DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE bills ADD COLUMN grid_charges DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE period_results ADD COLUMN congestion VARCHAR(1000000);
