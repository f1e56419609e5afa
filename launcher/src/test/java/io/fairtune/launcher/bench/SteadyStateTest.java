package io.fairtune.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fairtune.launcher.bench.Timeline.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's arithmetic on a timeline written by hand: two trainers, a one-minute window. */
class SteadyStateTest {

    /** Any moment but 0, which the bench reads as "not seen". */
    private static final long T0 = 1_764_000_000_000L;

    private final Timeline timeline = new Timeline();

    @Test
    void throughputUtilizationAndOverheadSplitPerTrainer() {
        timeline.assigned(new Timeline.Assignment(T0 - 10_000, new String[] {"a", "b"}));
        trial("t1", 0, -1_000, 0, 20_000, 20_100);
        trial("t2", 0, 20_300, 20_350, 40_350, 40_450);
        trial("t3", 0, 40_700, 40_800, 0, 0);
        trial("t4", 1, 4_000, 5_000, 25_000, 25_200);
        trial("t5", 1, 25_400, 25_500, 45_500, 45_600);
        trial("t6", 1, 45_900, 46_000, 0, 0);

        SteadyState s = SteadyState.of(timeline.marks(), timeline, 2, 20, T0, T0 + 60_000);

        assertEquals(4, s.scored(), "t1, t2, t4 and t5 were scored inside the window");
        assertEquals(4.0, s.trialsPerMinute(), 1e-9);
        assertEquals(6.0, s.idealPerMinute(), 1e-9);
        // a: 20 + 20 + 19.2 s busy, b: 20 + 20 + 14 s, of 2 x 60 s
        assertEquals(113.2 / 120, s.utilization(), 1e-9);
        // gaps 350 (a), 450 (a), 500 (b), 500 (b)
        assertEquals(new Percentiles(450, 500, 4), s.gap());
        assertEquals(new Percentiles(100, 200, 4), s.evaluator());
        assertEquals(new Percentiles(200, 300, 4), s.optimizer());
        assertEquals(new Percentiles(100, 100, 4), s.delivery());
    }

    @Test
    void aRedeliveredAttemptCountsAsStartedTwiceAndBusyFromItsFirstStart() {
        timeline.add(new Timeline.Mark(Kind.PROPOSED, "s", "t1", 1, 0, T0));
        timeline.add(new Timeline.Mark(Kind.STARTED, "s", "t1", 1, -1, T0 + 100));
        timeline.add(new Timeline.Mark(Kind.STARTED, "s", "t1", 1, -1, T0 + 5_000));
        timeline.add(new Timeline.Mark(Kind.PREDICTED, "s", "t1", 1, -1, T0 + 25_000));
        Attempts.Attempt a = Attempts.of(timeline.marks()).iterator().next();
        assertEquals(2, a.starts());
        assertEquals(T0 + 100, a.started());
        assertEquals(List.of(true, false), List.of(a.runningAt(T0 + 20_000), a.runningAt(T0 + 25_000)));
    }

    private void trial(String id, int partition, long proposed, long started, long predicted, long scored) {
        timeline.add(new Timeline.Mark(Kind.PROPOSED, "s", id, 1, partition, T0 + proposed));
        timeline.add(new Timeline.Mark(Kind.STARTED, "s", id, 1, -1, T0 + started));
        if (predicted > 0) {
            timeline.add(new Timeline.Mark(Kind.PREDICTED, "s", id, 1, -1, T0 + predicted));
            timeline.add(new Timeline.Mark(Kind.SCORED, "s", id, 1, -1, T0 + scored));
        }
    }
}
