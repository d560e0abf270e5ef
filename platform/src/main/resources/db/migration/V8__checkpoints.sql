-- Signed checkpoints made at each gate closure (docs/ledger.md#checkpoints). The hashes they
-- list are the ledger's own rows from_seq to entry_count - 1, read back when served.
CREATE TABLE checkpoints (
    market       VARCHAR(64) NOT NULL,
    period       INT NOT NULL,
    from_seq     BIGINT NOT NULL,
    entry_count  BIGINT NOT NULL,
    head         VARCHAR(64) NOT NULL,
    root         VARCHAR(64) NOT NULL,
    made_at      VARCHAR(40) NOT NULL,
    server_key   VARCHAR(200) NOT NULL,
    signature    VARCHAR(200) NOT NULL,
    PRIMARY KEY (market, period)
);
CREATE INDEX checkpoints_by_count ON checkpoints (entry_count);
