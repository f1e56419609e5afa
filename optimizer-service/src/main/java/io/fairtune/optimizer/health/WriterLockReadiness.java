package io.fairtune.optimizer.health;

import io.fairtune.optimizer.domain.WriterFence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while this optimizer is its database's writer: between losing the lock's session and taking the
 * lock again it changes no study, and a client or a load balancer should know.
 */
@Readiness
@ApplicationScoped
public class WriterLockReadiness implements HealthCheck {

    static final String NAME = "optimizer writer lock";

    @Inject
    WriterFence fence;

    @Override
    public HealthCheckResponse call() {
        Instant since = fence.writerSince();
        return since == null
                ? HealthCheckResponse.named(NAME).down()
                        .withData("reason", "database session lost; reconnecting to take the lock again").build()
                : HealthCheckResponse.named(NAME).up().withData("since", since.toString()).build();
    }
}
