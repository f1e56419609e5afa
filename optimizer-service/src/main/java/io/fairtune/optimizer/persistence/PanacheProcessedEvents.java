package io.fairtune.optimizer.persistence;

import io.fairtune.optimizer.domain.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Dedupe records written in the same transaction as the effect of their event. */
@ApplicationScoped
public class PanacheProcessedEvents implements ProcessedEvents {

    @Override
    public boolean firstTime(String trialId, int attempt, String type) {
        ProcessedEvent.Key key = new ProcessedEvent.Key(trialId, attempt, type);
        if (ProcessedEvent.findById(key) != null) {
            return false;
        }
        ProcessedEvent e = new ProcessedEvent();
        e.key = key;
        e.processedAt = Instant.now();
        e.persist();
        return true;
    }
}
