-- Orders acknowledged before their signature is checked (signature_check: before_activation,
-- docs/platform.md) keep the signed text until they are activated and go to the ledger.
ALTER TABLE orders ADD COLUMN payload VARCHAR(100000);
ALTER TABLE orders ADD COLUMN sig VARCHAR(200);
