package io.fairtune.optimizer.persistence;

import io.fairtune.optimizer.domain.Studies;
import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.domain.StudyState;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Every query about studies. */
@ApplicationScoped
public class PanacheStudies implements Studies {

    @Override
    public Study findById(String id) {
        return Study.findById(id);
    }

    @Override
    public void persist(Study study) {
        study.persist();
    }

    @Override
    public List<Study> inState(StudyState... states) {
        return Study.list("state in ?1 order by createdAt", List.of(states));
    }

    @Override
    public List<Study> newestFirst() {
        return Study.listAll(Sort.descending("createdAt"));
    }
}
