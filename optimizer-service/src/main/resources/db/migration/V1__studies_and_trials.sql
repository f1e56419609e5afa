CREATE TABLE study (
    id              VARCHAR(36)  PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    spec_json       TEXT         NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    seed            BIGINT       NOT NULL,
    dataset_manifest VARCHAR(1000) NOT NULL,
    dataset_sha256  VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE
);

CREATE TABLE trial (
    id              VARCHAR(36)  PRIMARY KEY,
    study_id        VARCHAR(36)  NOT NULL REFERENCES study (id),
    number          INTEGER      NOT NULL,
    phase           VARCHAR(8)   NOT NULL,
    label           VARCHAR(200) NOT NULL,
    arm             VARCHAR(64),
    seed_index      INTEGER,
    mask            VARCHAR(300) NOT NULL,
    learning_rate   DOUBLE PRECISION NOT NULL,
    seed            BIGINT       NOT NULL,
    attempt         INTEGER      NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    enqueued        BOOLEAN      NOT NULL DEFAULT FALSE,
    objectives_json TEXT,
    metrics_json    TEXT,
    intermediate_json TEXT,
    trainer_id      VARCHAR(200),
    failure_reason  TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    published_at    TIMESTAMP WITH TIME ZONE,
    started_at      TIMESTAMP WITH TIME ZONE,
    last_heartbeat  TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT trial_study_number UNIQUE (study_id, number)
);

CREATE INDEX trial_study_state ON trial (study_id, state);
CREATE INDEX trial_state ON trial (state);

-- (trial, attempt, event type) already applied: redelivered events are recognised and ignored
CREATE TABLE processed_event (
    trial_id        VARCHAR(36)  NOT NULL,
    attempt         INTEGER      NOT NULL,
    type            VARCHAR(32)  NOT NULL,
    processed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (trial_id, attempt, type)
);
