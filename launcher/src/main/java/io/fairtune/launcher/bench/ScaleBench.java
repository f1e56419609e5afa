package io.fairtune.launcher.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairtune.launcher.client.OptimizerClient;
import io.fairtune.launcher.cluster.LocalCluster;
import io.fairtune.launcher.cluster.ServiceProcess;
import io.fairtune.model.events.EventCodec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The control plane under N trainers: the real optimizer, evaluator, broker and database of a
 * {@link LocalCluster}, and one trainer JVM running N consumers of the load generator (each its own member of
 * the trainers' group, so routing, rebalancing and acknowledgement are the real ones). Per N: a fresh study with
 * parallelism N, a warm-up, then a measured window; prints one {@link SteadyState} row per N.
 */
public final class ScaleBench {

    /** What a bench run asks for. */
    public record Plan(List<Integer> trainers, Duration meanTrial, double spread, Duration warmup, Duration window,
                       String specJson) {
    }

    private final LocalCluster cluster;
    private final OptimizerClient client;
    private final Timeline timeline;
    private final PrintStream out;

    public ScaleBench(LocalCluster cluster, Timeline timeline, PrintStream out) {
        this.cluster = cluster;
        this.client = new OptimizerClient(cluster.optimizer().baseUrl(), cluster.apiKey());
        this.timeline = timeline;
        this.out = out;
    }

    /** Settings of a trainer JVM that runs {@code consumers} simulated trainers. */
    public static Map<String, String> loadGenerators(int consumers, Duration meanTrial, double spread) {
        Map<String, String> p = new HashMap<>();
        p.put("fairtune.trainer.executor", "load-generator");
        p.put("fairtune.trainer.load-generator.mean-trial", meanTrial.toMillis() + "ms");
        p.put("fairtune.trainer.load-generator.spread", String.valueOf(spread));
        // one Kafka consumer per copy of the channel, each its own group member with one trial at a time
        p.put("mp.messaging.incoming.trials-proposed-in.concurrency", String.valueOf(consumers));
        p.put("smallrye.messaging.worker.trainer-worker.max-concurrency", String.valueOf(consumers));
        p.put("quarkus.log.category.\"io.fairtune.trainer.messaging\".level", "WARN");
        return p;
    }

    /** The scale events, on the same cluster and timeline. */
    public ScaleEvents events() {
        return new ScaleEvents(cluster, timeline, this, out);
    }

    public void run(Plan plan) {
        out.printf("mean trial %.0f s (log-normal, spread %.2f), warm-up %d s, window %d s; load average %s%n",
                plan.meanTrial().toMillis() / 1000.0, plan.spread(), plan.warmup().toSeconds(), plan.window().toSeconds(),
                LoadAverage.now());
        out.println("    N | trials/min (ideal) | util | overhead p50/p99 ms | evaluator | optimizer | delivery "
                + "| optimizer CPU ms | optimizer rows written / read, commits | evaluator rows written | load");
        out.println("      |                    |      |  (per trial, from a trainer's TrialPredicted to its next "
                + "TrialStarted)   | (per trial)");
        for (int n : plan.trainers()) {
            out.println(row(n, plan));
        }
    }

    private String row(int n, Plan plan) {
        ServiceProcess trainers = cluster.addTrainer(loadGenerators(n, plan.meanTrial(), plan.spread()));
        awaitMembers(n);
        DatabaseActivity.Counts optimizerBefore = DatabaseActivity.read(cluster.databaseOf("optimizer"));
        DatabaseActivity.Counts evaluatorBefore = DatabaseActivity.read(cluster.databaseOf("evaluator"));
        Duration cpuBefore = cluster.optimizer().cpuTime();
        String id = create(plan.specJson(), n);
        sleep(plan.warmup());
        long from = System.currentTimeMillis();
        sleep(plan.window());
        long to = System.currentTimeMillis();
        Duration cpu = cluster.optimizer().cpuTime().minus(cpuBefore);
        String load = LoadAverage.now();
        stopStudy(id);
        trainers.close();
        sleep(Duration.ofMillis(DatabaseActivity.SETTLE_MILLIS));
        DatabaseActivity.Counts optimizerWrites = DatabaseActivity.read(cluster.databaseOf("optimizer")).minus(optimizerBefore);
        DatabaseActivity.Counts evaluatorWrites = DatabaseActivity.read(cluster.databaseOf("evaluator")).minus(evaluatorBefore);
        List<Timeline.Mark> marks = timeline.marksOf(id);
        long scoredInStudy = Attempts.of(marks).stream().filter(a -> a.scored() > 0).count();
        SteadyState s = SteadyState.of(marks, timeline, n, plan.meanTrial().toMillis() / 1000.0, from, to);
        double perTrial = Math.max(1, scoredInStudy);
        return String.format("%5d | %7.1f (%6.1f)   | %.3f | %s | %s | %s | %s | %.1f | %.1f / %.0f, %.1f | %.1f | %s",
                n, s.trialsPerMinute(), s.idealPerMinute(), s.utilization(), s.gap(), s.evaluator(), s.optimizer(),
                s.delivery(), cpu.toMillis() / perTrial, optimizerWrites.written() / perTrial,
                optimizerWrites.read() / perTrial, optimizerWrites.commits() / perTrial,
                evaluatorWrites.written() / perTrial, load);
    }

    /**
     * Cancels a study, trying again: on this machine the optimizer twice answered a bench's cancel with 401
     * "authentication required" although every request carries the run's key (cause not found yet); a study left
     * running would feed the next row's trainers.
     */
    void stopStudy(String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.cancel(id);
                return;
            } catch (OptimizerClient.ApiException e) {
                if (attempt == 3) {
                    throw e;
                }
                out.println("  (cancel of study " + id + " refused: " + e.getMessage() + "; trying again)");
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    String create(String specJson, int parallelism) {
        try {
            ObjectNode spec = (ObjectNode) EventCodec.mapper().readTree(specJson);
            spec.put("parallelism", parallelism);
            spec.put("name", spec.path("name").asText() + "-" + parallelism);
            return client.createStudy(spec.toString()).path("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the study spec is not JSON: " + e.getMessage(), e);
        }
    }

    /** Until the trainers' group has exactly {@code n} members holding partitions. */
    void awaitMembers(int n) {
        long deadline = System.currentTimeMillis() + LocalCluster.READY_TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (timeline.ownersNow().size() == n) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("the trainers' group did not reach " + n + " members");
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
