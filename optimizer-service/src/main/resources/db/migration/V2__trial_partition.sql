-- the proposals partition a trial was published to: the optimizer routes each new proposal to the least-loaded
-- trainer, counting the trials in flight per partition
ALTER TABLE trial ADD COLUMN kafka_partition INTEGER;
