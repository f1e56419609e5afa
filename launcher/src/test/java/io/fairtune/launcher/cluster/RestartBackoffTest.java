package io.fairtune.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    @Test
    void doublesWhileTheServiceKeepsCrashingAndStartsOverOnceItRanForAMinute() {
        RestartBackoff b = new RestartBackoff();
        Duration quick = Duration.ofSeconds(3);
        assertEquals(Duration.ofSeconds(1), b.next(quick));
        assertEquals(Duration.ofSeconds(2), b.next(quick));
        assertEquals(Duration.ofSeconds(4), b.next(quick));
        assertEquals(Duration.ofSeconds(8), b.next(quick));
        assertEquals(Duration.ofSeconds(16), b.next(quick));
        assertEquals(Duration.ofSeconds(30), b.next(quick));
        assertEquals(Duration.ofSeconds(30), b.next(quick));
        assertEquals(Duration.ofSeconds(1), b.next(Duration.ofMinutes(5)));
    }
}
