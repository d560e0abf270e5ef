-- Bills come from the settlement module in whole cents; the rounding residual (exact minus
-- billed net, in currency) is shown with each bill.
ALTER TABLE bills ADD COLUMN residual DOUBLE PRECISION DEFAULT 0 NOT NULL;
