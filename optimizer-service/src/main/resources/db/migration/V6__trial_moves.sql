-- attempts that were moved, unstarted, from a busy trainer to an idle one: a new attempt number (so the copy left
-- behind is told apart) that does not count toward maxAttempts
ALTER TABLE trial ADD COLUMN moves INTEGER NOT NULL DEFAULT 0;
