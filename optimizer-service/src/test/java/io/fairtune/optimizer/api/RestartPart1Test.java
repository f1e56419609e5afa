package io.fairtune.optimizer.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fairtune.model.events.TrialProposed;
import io.fairtune.optimizer.support.Credentials;
import io.fairtune.optimizer.support.FakeWorkers;
import io.fairtune.optimizer.support.Specs;
import io.fairtune.optimizer.support.Synthetic;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * First half of the restart test: the study is left mid-flight (4 of 10 trials counted, 2 running) when this
 * application instance stops. {@link RestartPart2Test} runs later in a fresh application (another test profile)
 * on the same database and broker and must finish it with the budget exactly met.
 */
@QuarkusTest
class RestartPart1Test {

    @BeforeEach
    void asOperator() {
        Credentials.asOperator();
    }

    static final Path STUDY_ID_FILE = Path.of("target/restart-study-id.txt");

    @Test
    void leaveAStudyMidFlight() throws Exception {
        String id = StudyLoopTest.create(Specs.study("restart").budget(10).parallelism(2).lease(600).json());
        try (FakeWorkers workers = new FakeWorkers()) {
            workers.serve(id, (TrialProposed p, FakeWorkers w) -> {
                w.started(p);
                if (p.trialNumber() < 4) {
                    w.scored(p, List.of(Synthetic.minAuc(p.mask())), Synthetic.metrics(p.mask(), p.seed()));
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> StudyLoopTest.study(id).getInt("counted") == 4
                    && StudyLoopTest.study(id).getInt("inFlight") == 2
                    && StudyLoopTest.trials(id).stream().filter(t -> "RUNNING".equals(t.get("state"))).count() == 2);
            assertEquals(6, workers.proposalsOf(id).size());
        }
        Files.writeString(STUDY_ID_FILE, id);
    }
}
