package io.fairtune.optimizer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An event (trial, attempt, type) already applied; written in the same transaction as its effect. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {

    @EmbeddedId
    public Key key;
    @Column(name = "processed_at")
    public Instant processedAt;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "trial_id")
        public String trialId;
        public int attempt;
        public String type;

        public Key() {
        }

        public Key(String trialId, int attempt, String type) {
            this.trialId = trialId;
            this.attempt = attempt;
            this.type = type;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.attempt == attempt && k.trialId.equals(trialId) && k.type.equals(type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(trialId, attempt, type);
        }
    }

}
