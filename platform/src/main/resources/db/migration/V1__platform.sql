-- Schema of the live platform (docs/platform.md). Portable between H2 and PostgreSQL.
CREATE TABLE participants (
    id          VARCHAR(64) PRIMARY KEY,
    roles       VARCHAR(200) NOT NULL,
    public_key  VARCHAR(200) NOT NULL,
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    bus         VARCHAR(64),
    created_at  BIGINT NOT NULL
);

CREATE TABLE buses (
    id    VARCHAR(64) PRIMARY KEY,
    name  VARCHAR(200) NOT NULL,
    capacity DOUBLE PRECISION
);

CREATE TABLE assets (
    id        VARCHAR(64) PRIMARY KEY,
    owner     VARCHAR(64) NOT NULL REFERENCES participants(id),
    bus       VARCHAR(64) NOT NULL REFERENCES buses(id),
    kind      VARCHAR(32) NOT NULL,
    capacity  DOUBLE PRECISION NOT NULL
);

CREATE TABLE markets (
    id              VARCHAR(64) PRIMARY KEY,
    mechanism       VARCHAR(64) NOT NULL,
    start_at        BIGINT NOT NULL,
    period_minutes  INT NOT NULL,
    gate_minutes    INT NOT NULL,
    periods         INT NOT NULL
);

CREATE TABLE orders (
    id            BIGINT PRIMARY KEY,
    participant   VARCHAR(64) NOT NULL REFERENCES participants(id),
    client_id     VARCHAR(64) NOT NULL,
    market        VARCHAR(64) NOT NULL REFERENCES markets(id),
    period        INT NOT NULL,
    side          VARCHAR(8) NOT NULL,
    kind          VARCHAR(8) NOT NULL,
    regulation    VARCHAR(8) NOT NULL,
    points        VARCHAR(4000) NOT NULL,
    quantity      DOUBLE PRECISION NOT NULL,
    min_quantity  DOUBLE PRECISION NOT NULL,
    filled        DOUBLE PRECISION NOT NULL,
    status        VARCHAR(16) NOT NULL,
    created_at    BIGINT NOT NULL,
    ledger_seq    BIGINT NOT NULL,
    UNIQUE (participant, client_id)
);
CREATE INDEX orders_by_period ON orders (market, period, status);
CREATE INDEX orders_by_owner ON orders (participant);

CREATE TABLE trades (
    id            BIGINT PRIMARY KEY,
    market        VARCHAR(64) NOT NULL,
    period        INT NOT NULL,
    seller_order  BIGINT NOT NULL,
    buyer_order   BIGINT NOT NULL,
    seller        VARCHAR(64) NOT NULL,
    buyer         VARCHAR(64) NOT NULL,
    quantity      DOUBLE PRECISION NOT NULL,
    price         DOUBLE PRECISION NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX trades_by_period ON trades (market, period);
CREATE INDEX trades_by_seller ON trades (seller);
CREATE INDEX trades_by_buyer ON trades (buyer);

CREATE TABLE period_results (
    market       VARCHAR(64) NOT NULL,
    period       INT NOT NULL,
    status       VARCHAR(32) NOT NULL,
    price        DOUBLE PRECISION,
    volume       DOUBLE PRECISION NOT NULL,
    closed_at    BIGINT NOT NULL,
    merkle_root  VARCHAR(64) NOT NULL,
    PRIMARY KEY (market, period)
);

CREATE TABLE bills (
    market       VARCHAR(64) NOT NULL,
    period       INT NOT NULL,
    participant  VARCHAR(64) NOT NULL,
    bought       DOUBLE PRECISION NOT NULL,
    sold         DOUBLE PRECISION NOT NULL,
    paid         DOUBLE PRECISION NOT NULL,
    received     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (market, period, participant)
);

CREATE TABLE ledger (
    seq        BIGINT PRIMARY KEY,
    type       VARCHAR(32) NOT NULL,
    submitter  VARCHAR(64) NOT NULL,
    period     VARCHAR(100) NOT NULL,
    payload    VARCHAR(1000000) NOT NULL,
    sig        VARCHAR(200) NOT NULL,
    prev       VARCHAR(64) NOT NULL,
    hash       VARCHAR(64) NOT NULL
);
CREATE INDEX ledger_by_period ON ledger (period);
