-- The VIP list. A person's full record (contacts, delegates) is one JSON document, as it is read and
-- audited whole; the columns beside it are what queries and the validity watcher need.
CREATE TABLE vip_person (
    id           uuid         PRIMARY KEY,
    external_id  varchar(100) UNIQUE,
    tier         varchar(50)  NOT NULL,
    valid_from   timestamptz,
    valid_until  timestamptz,
    details      jsonb        NOT NULL,
    -- Whether vip.registry currently carries this person as eligible.
    published    boolean      NOT NULL DEFAULT false,
    removed_at   timestamptz,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL
);
CREATE INDEX vip_person_validity ON vip_person (valid_from, valid_until) WHERE removed_at IS NULL;

-- Every email and phone belongs to one person or delegate only; lookups start here.
CREATE TABLE vip_contact (
    value        varchar(320) PRIMARY KEY,
    kind         varchar(10)  NOT NULL,
    person_id    uuid         NOT NULL REFERENCES vip_person (id),
    delegate_id  uuid
);
CREATE INDEX vip_contact_person ON vip_contact (person_id);

-- Who changed what, when and why.
CREATE TABLE vip_audit (
    id         bigserial     PRIMARY KEY,
    person_id  uuid          NOT NULL REFERENCES vip_person (id),
    at         timestamptz   NOT NULL,
    actor      varchar(200)  NOT NULL,
    action     varchar(20)   NOT NULL,
    reason     varchar(1000),
    before     jsonb,
    after      jsonb
);
CREATE INDEX vip_audit_person ON vip_audit (person_id, id);
