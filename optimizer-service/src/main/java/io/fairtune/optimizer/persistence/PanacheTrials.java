package io.fairtune.optimizer.persistence;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.optimizer.domain.Trial;
import io.fairtune.optimizer.domain.TrialState;
import io.fairtune.optimizer.domain.Trials;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import org.hibernate.jpa.HibernateHints;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every query about trials. */
@ApplicationScoped
public class PanacheTrials implements Trials {

    @Override
    public Trial findById(String id) {
        return Trial.findById(id);
    }

    @Override
    public Trial byNumber(String studyId, int number) {
        return Trial.find("studyId = ?1 and number = ?2", studyId, number).firstResult();
    }

    @Override
    public List<Trial> ofStudy(String studyId) {
        return Trial.list("studyId = ?1 order by number", studyId);
    }

    @Override
    public List<Trial> ofStudy(String studyId, TrialPhase phase) {
        return Trial.list("studyId = ?1 and phase = ?2 order by number", studyId, phase);
    }

    @Override
    public List<Trial> readOnly(String studyId) {
        return Trial.<Trial>find("studyId = ?1 order by number", studyId)
                .withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }

    @Override
    public List<Trial> page(String studyId, int page, int size) {
        return Trial.<Trial>find("studyId", Sort.ascending("number"), studyId).page(Page.of(page, size)).list();
    }

    @Override
    public long countInStudy(String studyId) {
        return Trial.count("studyId", studyId);
    }

    @Override
    public long countInPhase(String studyId, TrialPhase phase) {
        return Trial.count("studyId = ?1 and phase = ?2", studyId, phase);
    }

    @Override
    public int nextNumber(String studyId) {
        Integer max = Trial.find("select max(t.number) from Trial t where t.studyId = ?1", studyId)
                .project(Integer.class).firstResult();
        return max == null ? 0 : max + 1;
    }

    @Override
    public List<Trial> silentSince(String studyId, Instant deadline) {
        return Trial.list("studyId = ?1 and state in ?2 and lastHeartbeat < ?3", studyId, TrialState.ON_A_TRAINER,
                deadline);
    }

    @Override
    public List<Trial> open(String studyId) {
        return Trial.list("studyId = ?1 and state in ?2", studyId, TrialState.OPEN);
    }

    @Override
    public Map<TrialState, Long> countByState(String studyId, TrialPhase phase) {
        return byState(Trial.getEntityManager().createQuery("select t.state, count(t) from Trial t "
                + "where t.studyId = ?1 and t.phase = ?2 group by t.state", Object[].class)
                .setParameter(1, studyId).setParameter(2, phase));
    }

    @Override
    public Map<TrialState, Long> countByState() {
        return byState(Trial.getEntityManager().createQuery(
                "select t.state, count(t) from Trial t group by t.state", Object[].class));
    }

    @Override
    public List<Trial> onTrainerPartitions() {
        return Trial.list("kafkaPartition is not null and publishedAt is not null and state in ?1",
                TrialState.ON_A_TRAINER);
    }

    @Override
    public Map<Integer, Long> onTrainersByPartition() {
        Map<Integer, Long> out = new HashMap<>();
        for (Object[] r : Trial.getEntityManager().createQuery("select t.kafkaPartition, count(t) from Trial t "
                        + "where t.kafkaPartition is not null and t.publishedAt is not null and t.state in ?1 "
                        + "group by t.kafkaPartition", Object[].class)
                .setParameter(1, TrialState.ON_A_TRAINER).getResultList()) {
            out.put((Integer) r[0], (Long) r[1]);
        }
        return out;
    }

    @Override
    public void persist(Trial trial) {
        trial.persist();
    }

    private static Map<TrialState, Long> byState(TypedQuery<Object[]> query) {
        Map<TrialState, Long> out = new EnumMap<>(TrialState.class);
        for (Object[] r : query.getResultList()) {
            out.put((TrialState) r[0], (Long) r[1]);
        }
        return out;
    }
}
