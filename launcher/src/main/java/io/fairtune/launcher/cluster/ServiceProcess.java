package io.fairtune.launcher.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One service as its own OS process, started from the same runnable jar that goes into its container image.
 * Output goes to a log file, so a crash leaves evidence behind. Once {@link #supervise supervised}, a process
 * that exits without being asked to is started again, as Kubernetes restarts a crashed pod: after 1 s, then
 * twice as long each time it exits again soon after starting (at most 30 s), and it says so.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int httpPort;
    private final Map<String, String> properties;
    private final Path log;
    private final List<String> jvmArgs;
    private Process process;
    private int generation;
    private volatile boolean stopping;
    private Thread supervisor;

    public ServiceProcess(String name, Path jar, int httpPort, Map<String, String> properties, Path log,
                          List<String> jvmArgs) {
        this.name = name;
        this.jar = jar;
        this.httpPort = httpPort;
        this.properties = Map.copyOf(properties);
        this.log = log;
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    public synchronized ServiceProcess start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " is missing; build with ./mvnw -DskipTests install");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-Dquarkus.http.port=" + httpPort);
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            generation++;
            notifyAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        return this;
    }

    /**
     * Restarts this service whenever it exits on its own (a crash, kill -9, an exit after losing its database),
     * until {@link #close()}. {@code say} gets one line per exit and per recovery, for the console.
     */
    public synchronized ServiceProcess supervise(Consumer<String> say) {
        if (supervisor == null) {
            supervisor = new Thread(() -> superviseLoop(say), name + "-supervisor");
            supervisor.setDaemon(true);
            supervisor.start();
        }
        return this;
    }

    private void superviseLoop(Consumer<String> say) {
        RestartBackoff backoff = new RestartBackoff();
        while (!stopping) {
            Process current;
            synchronized (this) {
                current = process;
            }
            if (current == null) {
                sleep(200);
                continue;
            }
            long startedAt = System.nanoTime();
            int exit = current.onExit().join().exitValue();
            synchronized (this) {
                if (stopping || process != current) {
                    continue; // closed, or someone restarted it by hand
                }
            }
            Duration delay = backoff.next(Duration.ofNanos(System.nanoTime() - startedAt));
            say.accept(String.format("%s exited (code %d); restarting it in %d s", name, exit, delay.toSeconds()));
            sleep(delay.toMillis());
            synchronized (this) {
                if (stopping || process != current) {
                    continue;
                }
                start();
            }
            long restartedAt = System.nanoTime();
            try {
                awaitReady(Duration.ofMinutes(3));
                say.accept(String.format("%s is back (ready %.0f s after its restart)", name,
                        (System.nanoTime() - restartedAt) / 1e9));
            } catch (IllegalStateException notReady) {
                if (!stopping) {
                    say.accept(name + " did not become ready after its restart; see " + log);
                }
            }
        }
    }

    /** Waits until a process newer than {@code previousGeneration} runs and is ready (after a supervised restart). */
    public void awaitRestart(int previousGeneration, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (generation <= previousGeneration) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(name + " was not restarted within " + timeout.toSeconds() + " s");
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for " + name, e);
                }
            }
        }
        awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** How many times this service has been started; a restart makes it grow. */
    public synchronized int generation() {
        return generation;
    }

    public boolean supervised() {
        return supervisor != null;
    }

    /** Waits until /q/health/ready answers UP, or fails with the tail of the service's log. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create(baseUrl() + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            Process process = currentProcess();
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "\n" + logTail(40));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s\n" + logTail(40));
    }

    /** SIGKILL: no shutdown hooks, no graceful close; what a crashed pod looks like to Kafka. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** CPU time the running process has used so far (user + system); zero when it is not running. */
    public synchronized Duration cpuTime() {
        return process == null ? Duration.ZERO : process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    private synchronized Process currentProcess() {
        return process;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path log() {
        return log;
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Graceful stop (SIGTERM, Quarkus shuts down cleanly), then SIGKILL if it hangs. */
    @Override
    public synchronized void close() {
        stopping = true;
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
