package io.fairtune.optimizer.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.events.TrialProposed;
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.optimizer.support.FakeWorkers;
import io.fairtune.optimizer.support.Synthetic;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Second half of the restart test. A test profile makes Quarkus start a new application instance (the optimizer
 * "restarted"); Quarkus orders profile classes after the plain ones, so {@link RestartPart1Test} ran before.
 */
@QuarkusTest
@TestProfile(RestartPart2Test.Restarted.class)
class RestartPart2Test {

    @BeforeEach
    void asOperator() {
        Credentials.asOperator();
    }

    public static class Restarted implements QuarkusTestProfile {
    }

    @Test
    void theRestartedOptimizerFinishesTheStudyWithTheBudgetExactlyMet() throws Exception {
        assertTrue(Files.exists(RestartPart1Test.STUDY_ID_FILE), "run the whole class set: RestartPart1Test first");
        String id = Files.readString(RestartPart1Test.STUDY_ID_FILE).strip();
        assertEquals(4, StudyLoopTest.study(id).getInt("counted"), "the study survived the restart as it was");
        List<Map<String, Object>> before = StudyLoopTest.trials(id);
        try (FakeWorkers workers = new FakeWorkers()) {
            // after the restart nothing already published is published again (leases have not expired)
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> workers.proposalsOf(id).size() >= 6);
            assertEquals(6, workers.proposalsOf(id).size());
            // every proposal, old ones included, is answered (again): redelivery must not double-count
            workers.serve(id, (TrialProposed p, FakeWorkers w) -> {
                w.started(p);
                w.scored(p, List.of(Synthetic.minAuc(p.mask())), Synthetic.metrics(p.mask(), p.seed()));
            });
            StudyLoopTest.awaitState(id, "COMPLETED", 60);
            Set<String> keys = new HashSet<>();
            workers.proposalsOf(id).forEach(p -> assertTrue(keys.add(p.attemptKey()), "published twice " + p.attemptKey()));
            assertEquals(10, keys.size());
        }
        assertEquals(10, StudyLoopTest.study(id).getInt("counted"));
        List<Map<String, Object>> after = StudyLoopTest.trials(id);
        assertEquals(10, after.size());
        after.forEach(t -> {
            assertEquals("COMPLETE", t.get("state"));
            assertEquals(1, t.get("attempt"));
        });
        for (Map<String, Object> t : before) {
            if ("COMPLETE".equals(t.get("state"))) {
                Map<String, Object> now = after.stream().filter(a -> a.get("id").equals(t.get("id"))).findFirst().orElseThrow();
                assertEquals(t.get("objectives"), now.get("objectives"));
                assertEquals(t.get("finishedAt"), now.get("finishedAt"), "a counted trial was not touched again");
            }
        }
    }
}
