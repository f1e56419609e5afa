package io.fairtune.optimizer.ui;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.optimizer.domain.Ranking;
import io.fairtune.optimizer.domain.TrialState;
import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.domain.Trial;
import java.time.Instant;
import java.util.List;

/**
 * The study page's header, counted the way {@code GET /studies/{id}} counts (search trials complete + failed +
 * pruned out of the budget; trials in flight in both phases; the best trial by {@link Ranking#best}), but from
 * the trials the dashboard has already read: that endpoint would read a 5,000-trial study a second time.
 *
 * @param bestTrial number of the best search trial (null: none with a defined objective yet)
 */
public record StudyHeader(String id, String name, String state, String sampler, String searchSpace,
                          List<String> objectives, int trialBudget, long counted, long complete, long failed,
                          long pruned, long inFlight, Double bestObjective, Integer bestTrial, Instant createdAt,
                          Instant updatedAt, Instant completedAt) {

    static StudyHeader of(Study study, List<Trial> trials) {
        long complete = 0;
        long failed = 0;
        long pruned = 0;
        long inFlight = 0;
        for (Trial t : trials) {
            if (TrialState.IN_FLIGHT.contains(t.state)) {
                inFlight++;
            }
            if (t.phase != TrialPhase.SEARCH) {
                continue;
            }
            complete += t.state == TrialState.COMPLETE ? 1 : 0;
            failed += t.state == TrialState.FAILED ? 1 : 0;
            pruned += t.state == TrialState.PRUNED ? 1 : 0;
        }
        Trial best = Ranking.best(study.spec(), trials);
        return new StudyHeader(study.id, study.name, study.state.name(), study.spec().sampler(),
                study.spec().searchSpace(), study.spec().objectives(), study.spec().trialBudget(),
                complete + failed + pruned, complete, failed, pruned, inFlight,
                best == null ? null : best.objectives().get(0), best == null ? null : best.number, study.createdAt,
                study.updatedAt, study.completedAt);
    }
}
