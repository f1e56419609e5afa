package io.fairtune.optimizer.domain;

import io.fairtune.model.study.StudySpec;
import io.fairtune.model.study.StudySpecCodec;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;

/**
 * A study; its spec is kept verbatim as the canonical JSON so a reload equals what was accepted. Queries live
 * in persistence ({@link Studies}); this class only holds and changes a study's state.
 */
@Entity
@Table(name = "study")
public class Study extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @Column(name = "spec_json", columnDefinition = "text")
    public String specJson;
    @Enumerated(EnumType.STRING)
    public StudyState state;
    public long seed;
    @Column(name = "dataset_manifest")
    public String datasetManifest;
    @Column(name = "dataset_sha256")
    public String datasetSha256;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "completed_at")
    public Instant completedAt;

    @Transient
    private StudySpec spec;

    public StudySpec spec() {
        if (spec == null) {
            spec = StudySpecCodec.fromJson(specJson);
        }
        return spec;
    }

    public void setSpec(StudySpec spec) {
        this.spec = spec;
        this.specJson = StudySpecCodec.toJson(spec);
    }

    public void transition(StudyState next) {
        state = next;
        updatedAt = Instant.now();
        if (next.terminal()) {
            completedAt = updatedAt;
        }
    }
}
