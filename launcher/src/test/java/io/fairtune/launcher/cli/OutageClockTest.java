package io.fairtune.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OutageClockTest {

    static final long S = 1_000_000_000L;

    @Test
    void saysWhatIsWrongForHowLongAndWhenItIsOver() {
        OutageClock clock = new OutageClock();
        assertEquals("", clock.update(null, 0).suffix());
        assertEquals("  — database unreachable, retrying", clock.update("database unreachable", 10 * S).suffix());
        assertEquals("  — database unreachable, retrying", clock.update("database unreachable", 14 * S).suffix());
        assertEquals("  — database unreachable for 20 s, retrying",
                clock.update("database unreachable", 32 * S).suffix());
        assertEquals("  — database unreachable, broker unreachable for 25 s, retrying",
                clock.update("database unreachable, broker unreachable", 35 * S).suffix(), "one outage, since 10 s");
        OutageClock.Update over = clock.update(null, 55 * S);
        assertEquals("", over.suffix());
        assertEquals("(database unreachable, broker unreachable was resolved after 45 s)", over.recoveredLine());
        assertNull(clock.update(null, 56 * S).recoveredLine());
    }
}
