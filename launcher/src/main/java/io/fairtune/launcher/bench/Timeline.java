package io.fairtune.launcher.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What the bench saw on the broker, in the order it was read: one {@link Mark} per trial event (the record's
 * timestamp is when its producer sent it; every process runs on this machine's clock), and the trainers' group
 * assignment over time. Thread-safe: the recorder appends while the bench reads.
 */
public final class Timeline {

    /** The trial events the figures use. */
    public enum Kind { PROPOSED, STARTED, HEARTBEAT, EPOCH, PREDICTED, SCORED, FAILED, CANCELLED, RELEASED }

    /**
     * @param partition the proposals partition (PROPOSED only; -1 otherwise)
     * @param millis    the record's timestamp
     */
    public record Mark(Kind kind, String studyId, String trialId, int attempt, int partition, long millis) {
        public String attemptKey() {
            return trialId + "#" + attempt;
        }
    }

    /** From {@code millis} on, proposals partition p belongs to member {@code owners[p]} (null: nobody). */
    public record Assignment(long millis, String[] owners) {
    }

    /**
     * The trainers' group lag on the proposals topic at {@code millis}, summed over partitions the way KEDA's Kafka
     * scaler sums it (end offset minus committed offset; the end offset where nothing is committed): with
     * lagThreshold 1 it is the trainer count KEDA asks for.
     */
    public record LagSample(long millis, long totalLag) {
    }

    /** A run that continued from a checkpoint: the trainer-seconds an earlier run did and this one did not repeat. */
    public record Resumption(String studyId, String attemptKey, long millis, double trainerSeconds) {
    }

    private final List<Mark> marks = new ArrayList<>();
    private final List<LagSample> lags = new ArrayList<>();
    private final List<Resumption> resumptions = new ArrayList<>();
    private final List<Assignment> assignments = new ArrayList<>();

    public synchronized void add(Mark mark) {
        marks.add(mark);
    }

    public synchronized void lag(LagSample sample) {
        lags.add(sample);
    }

    public synchronized List<LagSample> lagsBetween(long from, long until) {
        return lags.stream().filter(l -> l.millis() >= from && l.millis() < until).toList();
    }

    public synchronized void resumed(Resumption resumption) {
        resumptions.add(resumption);
    }

    public synchronized List<Resumption> resumptionsOf(String studyId, long since) {
        return resumptions.stream().filter(r -> r.studyId().equals(studyId) && r.millis() >= since).toList();
    }

    public synchronized void assigned(Assignment assignment) {
        if (assignments.isEmpty()
                || !java.util.Arrays.equals(assignments.get(assignments.size() - 1).owners(), assignment.owners())) {
            assignments.add(assignment);
        }
    }

    public synchronized List<Mark> marks() {
        return List.copyOf(marks);
    }

    public synchronized List<Mark> marksOf(String studyId) {
        return marks.stream().filter(m -> m.studyId().equals(studyId)).toList();
    }

    /** The member holding {@code partition} at {@code millis}, or null when unknown. */
    public synchronized String ownerAt(int partition, long millis) {
        String owner = null;
        for (Assignment a : assignments) {
            if (a.millis() > millis) {
                break;
            }
            owner = partition < a.owners().length ? a.owners()[partition] : null;
        }
        return owner;
    }

    /** The members holding a proposals partition as of the last look at the group. */
    public synchronized java.util.Set<String> ownersNow() {
        return assignments.isEmpty() ? java.util.Set.of() : java.util.Arrays.stream(
                assignments.get(assignments.size() - 1).owners()).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    synchronized List<Assignment> assignments() {
        return new ArrayList<>(assignments);
    }
}
