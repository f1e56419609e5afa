-- The single writer's fencing token. An optimizer that takes the advisory lock bumps the epoch on the lock's own
-- session; every state change reads it FOR SHARE in its transaction and gives up unless it is still its own. So an
-- optimizer that lost its lock session (a database restart, a partition) cannot commit a change after another one
-- took over: the bump waits for its open transactions, and every later one sees the new epoch.
CREATE TABLE writer_fence (
    id    SMALLINT PRIMARY KEY CHECK (id = 1),
    epoch BIGINT   NOT NULL
);
INSERT INTO writer_fence (id, epoch) VALUES (1, 0);
