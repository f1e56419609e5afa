package io.fairtune.optimizer.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which proposals waiting behind a busy trainer go to the trainers that have nothing to do. A proposal is
 * published to one trainer's partition; when trainers join (a scale-up) or a trainer runs out of work while
 * another still has proposals queued behind its running trial, those queued proposals would otherwise wait a
 * whole trial length (hours on a GPU) while the newcomer idles. A trainer keeps one proposal when it runs none, so
 * it never idles itself; the most recently published proposals move first, since they would wait the longest.
 */
public final class QueuedMoves {

    private QueuedMoves() {
    }

    /** A trial on a trainer's partition: waiting (published, not started) or running. */
    public record OnTrainer(String trialId, int partition, boolean running, long publishedMillis) {
    }

    /**
     * @param trainers  the partitions of each live trainer
     * @param onTrainer every published trial that is waiting or running on a partition
     * @return the waiting trials to move, at most one per idle trainer
     */
    public static List<String> choose(List<Set<Integer>> trainers, List<OnTrainer> onTrainer) {
        Map<Integer, Integer> ownerOf = new HashMap<>();
        for (int i = 0; i < trainers.size(); i++) {
            for (int p : trainers.get(i)) {
                ownerOf.put(p, i);
            }
        }
        List<List<OnTrainer>> perTrainer = new ArrayList<>();
        trainers.forEach(t -> perTrainer.add(new ArrayList<>()));
        for (OnTrainer t : onTrainer) {
            Integer owner = ownerOf.get(t.partition());
            if (owner != null) {
                perTrainer.get(owner).add(t);
            }
        }
        long idle = perTrainer.stream().filter(List::isEmpty).count();
        if (idle == 0) {
            return List.of();
        }
        // per busy trainer, its movable proposals newest first; then round-robin from the longest queue down
        List<List<OnTrainer>> movable = new ArrayList<>();
        for (List<OnTrainer> load : perTrainer) {
            List<OnTrainer> waiting = new ArrayList<>(load.stream().filter(t -> !t.running())
                    .sorted(Comparator.comparingLong(OnTrainer::publishedMillis).reversed()
                            .thenComparing(OnTrainer::trialId))
                    .toList());
            boolean runsOne = load.stream().anyMatch(OnTrainer::running);
            if (!runsOne && !waiting.isEmpty()) {
                waiting.remove(waiting.size() - 1); // the oldest stays: this trainer starts it next
            }
            if (!waiting.isEmpty()) {
                movable.add(waiting);
            }
        }
        movable.sort(Comparator.comparingInt((List<OnTrainer> l) -> l.size()).reversed());
        List<String> moves = new ArrayList<>();
        for (int round = 0; moves.size() < idle; round++) {
            boolean any = false;
            for (List<OnTrainer> queue : movable) {
                if (round < queue.size() && moves.size() < idle) {
                    moves.add(queue.get(round).trialId());
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return moves;
    }
}
