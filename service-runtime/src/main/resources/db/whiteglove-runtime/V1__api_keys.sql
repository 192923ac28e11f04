-- API keys for integrations that cannot do OAuth (ACD/CTI, mail gateways). Only a SHA-256 of each key
-- is kept: keys are 256 random bits, so a fast hash is as safe as a slow one and costs nothing per request.
CREATE TABLE api_key (
    id          uuid         PRIMARY KEY,
    name        varchar(100) NOT NULL,
    key_prefix  varchar(16)  NOT NULL,
    key_hash    char(64)     NOT NULL UNIQUE,
    roles       text[]       NOT NULL,
    created_by  varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL,
    revoked_at  timestamptz
);
