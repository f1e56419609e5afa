package io.fairtune.optimizer.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Marks silent attempts STALE (or FAILED after maxAttempts) and tells their trainers to stop; the next fill
 * re-proposes STALE trials with attempt+1 and the same seed. Silence counts only while the optimizer could hear:
 * no lease expires before it has listened for one full lease since it started, since it last became the
 * database's writer (events it could not apply meanwhile are applied after), and since the broker was last back.
 */
@ApplicationScoped
public class LeaseExpiry {

    private static final Logger LOG = Logger.getLogger(LeaseExpiry.class);

    /**
     * Heartbeats sent while this optimizer was down are still in Kafka when it starts; no lease expires before the
     * optimizer has itself been listening for one full lease, so a restart never marks healthy trainers STALE.
     */
    private final Instant upSince = Instant.now();
    /** Since when the broker has answered without a break; null while it does not. */
    private Instant brokerSince = upSince;

    @Inject StudyLock lock;
    @Inject WriterFence fence;
    @Inject BrokerReach broker;
    @Inject Studies studies;
    @Inject Trials trials;

    public void expireLeases() {
        if (!broker.reachable()) {
            if (brokerSince != null) {
                LOG.warn("broker unreachable: trainers cannot be heard, so no lease expires until it is back");
            }
            brokerSince = null;
            return;
        }
        if (brokerSince == null) {
            brokerSince = Instant.now();
            LOG.info("broker reachable again: leases run again after one full lease of listening");
        }
        Instant writer = fence.writerSince();
        if (writer == null) {
            return;
        }
        Instant listeningSince = latest(latest(upSince, brokerSince), writer);
        lock.change(out -> {
            Instant now = Instant.now();
            for (Study study : studies.inState(StudyState.RUNNING, StudyState.PAUSED, StudyState.FINALIZING)) {
                int lease = study.spec().leaseSeconds();
                Instant deadline = now.minus(Duration.ofSeconds(lease));
                if (listeningSince.isAfter(deadline)) {
                    continue;
                }
                for (Trial t : trials.silentSince(study.id, deadline)) {
                    out.cancels.add(TrialLifecycle.cancellation(t, "lease expired", now));
                    LOG.infof("trial %s attempt %d: lease of %ds expired", t.id, t.attempt, lease);
                    TrialLifecycle.retryOrFail(t, "attempt " + t.attempt + ": lease expired (no heartbeat for "
                            + lease + "s)", true, study.spec().maxAttempts(), study.state.terminal(), now);
                    out.studiesToFill.add(study.id);
                }
            }
            return null;
        });
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
