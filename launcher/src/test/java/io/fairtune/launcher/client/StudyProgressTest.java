package io.fairtune.launcher.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fairtune.model.events.EventCodec;
import org.junit.jupiter.api.Test;

class StudyProgressTest {

    @Test
    void theProgressLineCountsTheReevaluationAndTheFinalPhase() throws Exception {
        StudyProgress p = StudyProgress.of(EventCodec.mapper().readTree("""
                {"id":"s","state":"FINALIZING","trialBudget":6,"counted":6,"inFlight":1,"failed":1,"pruned":2,
                 "reevaluationTrials":{"COMPLETE":3,"FAILED":1,"RUNNING":1,"QUEUED":1},"finalTrials":{},
                 "bestObjective":0.71}
                """));
        assertEquals("[##############################] 6/6 trials, 1 in flight, 1 failed, 2 pruned, best min_auc "
                + "0.7100, re-evaluation 4/6  FINALIZING", p.render("min_auc"));
    }
}
