package io.fairtune.optimizer.domain;

/**
 * Whether the optimizer can hear trainers at all. A trainer's silence means it is gone only while the broker that
 * carries its heartbeats is reachable; implemented by messaging.
 */
public interface BrokerReach {

    /** Asks the broker now; false when it does not answer within a couple of seconds. */
    boolean reachable();
}
