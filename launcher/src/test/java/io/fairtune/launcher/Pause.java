package io.fairtune.launcher;

/** Waiting between polls of a cluster in tests: an interrupt fails the test instead of being swallowed. */
final class Pause {

    private Pause() {
    }

    static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
