package io.fairtune.launcher.cluster;

import java.time.Duration;

/**
 * Delay before restarting a service that exited, like Kubernetes' CrashLoopBackOff: 1 s, doubling while the
 * service keeps exiting within a minute of its start, at most 30 s; a service that ran for a minute starts over.
 */
final class RestartBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofMinutes(1);

    private Duration last;

    Duration next(Duration uptime) {
        if (last == null || uptime.compareTo(STABLE) >= 0) {
            last = FIRST;
        } else {
            Duration doubled = last.multipliedBy(2);
            last = doubled.compareTo(MAX) > 0 ? MAX : doubled;
        }
        return last;
    }
}
