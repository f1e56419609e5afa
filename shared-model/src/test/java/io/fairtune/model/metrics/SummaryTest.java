package io.fairtune.model.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void studentTIntervalOverSeeds() {
        // mean 0.8, sd 0.1, n 3: half-width 4.303 * 0.1 / sqrt(3)
        Summary s = Summary.of(List.of(0.7, 0.8, 0.9));
        assertEquals(0.8, s.mean(), 1e-12);
        assertEquals(4.303 * 0.1 / Math.sqrt(3), s.ci95(), 1e-9);
        assertNull(Summary.of(List.of(0.5)).ci95());
    }
}
