package io.fairtune.model.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DivergenceTest {

    @Test
    void theReasonATrainerWritesIsReadBackAsFields() {
        Divergence d = new Divergence("training loss", Divergence.valueName(Double.NaN), 2, 17, 8.6e-4);
        assertEquals("diverged: training loss became NaN at epoch 2, step 17 (lr 8.600e-04); it recurs at the same "
                + "step with the same seed", d.reason());
        assertEquals(Optional.of(d), Divergence.parse(d.reason()));
        Divergence scores = new Divergence("predicted scores", Divergence.valueName(Double.NEGATIVE_INFINITY), 3, 5,
                1.25e-3);
        assertEquals(Optional.of(scores), Divergence.parse(scores.reason()));
        assertEquals("+Infinity", Divergence.valueName(Double.POSITIVE_INFINITY));
        assertEquals(Optional.of(d), Divergence.parse("lease expired after 300 s; " + d.reason()),
                "inside the optimizer's accumulated reasons");
    }

    @Test
    void otherFailuresAreNotDivergences() {
        assertEquals(Optional.empty(), Divergence.parse(null));
        assertEquals(Optional.empty(), Divergence.parse("out of memory: CUDA"));
        assertEquals(Optional.empty(), Divergence.parse("training loss became NaN at epoch 2, step 17 (lr 8.600e-04)"),
                "a fault that a replay did not reproduce carries no 'diverged:' verdict");
        assertEquals(Optional.empty(), Divergence.parse("diverged: training loss became NaN at epoch x, step 1 (lr 1)"));
    }
}
