-- One report per (trial, attempt): the unique key is what makes redelivered predictions harmless.
CREATE TABLE metric_report (
    id                  BIGSERIAL PRIMARY KEY,
    trial_id            VARCHAR(200) NOT NULL,
    attempt             INTEGER      NOT NULL,
    study_id            VARCHAR(200) NOT NULL,
    phase               VARCHAR(16)  NOT NULL,
    split               VARCHAR(16)  NOT NULL,
    outcome             VARCHAR(16)  NOT NULL,
    reason              TEXT,
    sensitive_attribute VARCHAR(200),
    threshold           DOUBLE PRECISION,
    sample_count        INTEGER      NOT NULL,
    objective_ids       TEXT         NOT NULL,
    objectives_json     TEXT         NOT NULL,
    metrics_json        TEXT         NOT NULL,
    undefined_auc_json  TEXT         NOT NULL,
    scored_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_metric_report_trial_attempt UNIQUE (trial_id, attempt)
);
CREATE INDEX ix_metric_report_study ON metric_report (study_id);
