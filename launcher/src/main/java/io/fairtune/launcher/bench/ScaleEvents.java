package io.fairtune.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.launcher.client.OptimizerClient;
import io.fairtune.launcher.cluster.LocalCluster;
import io.fairtune.launcher.cluster.ServiceProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scale events on a running study, each on its own study and trainer JVMs (a JVM = a node of several
 * trainers): scale up, scale down with SIGTERM (as KEDA does) and preemption (SIGKILL of a quarter of the
 * trainers, as when a spot node vanishes). After each the study is paused and drained, and the audit checks
 * that no trial was lost or counted twice.
 */
public final class ScaleEvents {

    private final LocalCluster cluster;
    private final OptimizerClient client;
    private final Timeline timeline;
    private final ScaleBench bench;
    private final PrintStream out;

    ScaleEvents(LocalCluster cluster, Timeline timeline, ScaleBench bench, PrintStream out) {
        this.cluster = cluster;
        this.client = new OptimizerClient(cluster.optimizer().baseUrl(), cluster.apiKey());
        this.timeline = timeline;
        this.bench = bench;
        this.out = out;
    }

    /** {@code from} trainers run a study of parallelism {@code to}; after a warm-up, {@code to - from} join. */
    public void scaleUp(int from, int to, ScaleBench.Plan plan) {
        ServiceProcess first = start(from, plan);
        String id = bench.create(plan.specJson(), to);
        ScaleBench.sleep(plan.warmup());
        long launched = System.currentTimeMillis();
        ServiceProcess joined = cluster.addTrainer(ScaleBench.loadGenerators(to - from, plan.meanTrial(), plan.spread()));
        long ready = System.currentTimeMillis();
        bench.awaitMembers(to);
        long busy = firstTimeRunning(id, to, ready, ready + plan.window().toMillis());
        ScaleBench.sleep(plan.window());
        Collection<Attempts.Attempt> attempts = Attempts.of(timeline.marksOf(id));
        long twice = attempts.stream().filter(a -> a.starts() > 1).count();
        out.printf("scale up %d -> %d: attempts trained twice %d; all %d trainers busy %s after the new JVM was "
                        + "ready (%.1f s after it was launched); load %s%n", from, to, twice, to,
                busy < 0 ? "never within the window" : String.format("%.1f s", (busy - ready) / 1000.0),
                (ready - launched) / 1000.0, LoadAverage.now());
        kedaSignal(id, launched, System.currentTimeMillis());
        audit(id, plan, List.of(first, joined));
    }

    /** {@code from} trainers in two JVMs; the one with {@code from - to} of them gets SIGTERM mid-study. */
    public void scaleDown(int from, int to, ScaleBench.Plan plan) {
        removeMidStudy(to, from - to, true, "scale down " + from + " -> " + to + " (SIGTERM)", plan);
    }

    /** {@code trainers} trainers; a JVM with a quarter of them is killed with SIGKILL mid-study. */
    public void preemption(int trainers, ScaleBench.Plan plan) {
        int killed = Math.max(1, trainers / 4);
        removeMidStudy(trainers - killed, killed, false,
                "preemption of " + killed + " of " + trainers + " (SIGKILL)", plan);
    }

    /**
     * A study on {@code staying + leaving} trainers in two JVMs; after the warm-up the second JVM goes away, with
     * SIGTERM ({@code graceful}: the time it takes to stop is reported) or SIGKILL (gone at once).
     */
    private void removeMidStudy(int staying, int leaving, boolean graceful, String event, ScaleBench.Plan plan) {
        ServiceProcess stays = start(staying, plan);
        Set<String> stayingMembers = members();
        ServiceProcess leaves = cluster.addTrainer(ScaleBench.loadGenerators(leaving, plan.meanTrial(), plan.spread()));
        bench.awaitMembers(staying + leaving);
        String id = bench.create(plan.specJson(), staying + leaving);
        ScaleBench.sleep(plan.warmup());
        long at = System.currentTimeMillis();
        List<Attempts.Attempt> interrupted = runningOnOthers(id, at, stayingMembers);
        long gone = at;
        if (graceful) {
            leaves.close();
            gone = System.currentTimeMillis();
        } else {
            leaves.kill();
        }
        ScaleBench.sleep(plan.window());
        kedaSignal(id, at, System.currentTimeMillis());
        audit(id, plan, List.of(stays));
        report(event, id, interrupted, at, gone, leaving);
    }

    private ServiceProcess start(int n, ScaleBench.Plan plan) {
        ServiceProcess p = cluster.addTrainer(ScaleBench.loadGenerators(n, plan.meanTrial(), plan.spread()));
        bench.awaitMembers(n);
        return p;
    }

    private Set<String> members() {
        return timeline.ownersNow();
    }

    /** Attempts of the study running at {@code millis} on a member not in {@code staying}. */
    private List<Attempts.Attempt> runningOnOthers(String id, long millis, Set<String> staying) {
        return Attempts.of(timeline.marksOf(id)).stream().filter(a -> a.runningAt(millis))
                .filter(a -> {
                    String owner = timeline.ownerAt(a.partition(), a.started());
                    return owner != null && !staying.contains(owner);
                }).collect(Collectors.toCollection(ArrayList::new));
    }

    /**
     * For the attempts that were running where trainers went away: how long until each trial ran again elsewhere
     * (the same attempt redelivered, or the next attempt), and the trainer-seconds done on them and thrown away.
     */
    private void report(String event, String id, List<Attempts.Attempt> interrupted, long at, long gone, int removed) {
        Collection<Attempts.Attempt> attempts = Attempts.of(timeline.marksOf(id));
        List<Long> again = new ArrayList<>();
        int never = 0;
        double done = 0;
        for (Attempts.Attempt a : interrupted) {
            done += (at - a.started()) / 1000.0;
            long next = timeline.marksOf(id).stream().filter(m -> m.trialId().equals(a.trialId())
                            && m.kind() == Timeline.Kind.STARTED && m.millis() > at)
                    .mapToLong(Timeline.Mark::millis).min().orElse(-1);
            if (next < 0) {
                never++;
            } else {
                again.add(next - at);
            }
        }
        Set<String> trials = interrupted.stream().map(Attempts.Attempt::trialId).collect(Collectors.toSet());
        double saved = timeline.resumptionsOf(id, at).stream()
                .filter(r -> trials.contains(r.attemptKey().substring(0, r.attemptKey().lastIndexOf('#'))))
                .mapToDouble(Timeline.Resumption::trainerSeconds).sum();
        double lost = done - saved;
        long twice = attempts.stream().filter(a -> a.starts() > 1).count();
        out.printf("%s: %d trials were running there; ran again elsewhere after p50/max %s ms (%d never, the "
                        + "study drained); trainer-seconds done on them %.0f, resumed from checkpoints %.0f, thrown away "
                        + "%.0f (%.1f per removed trainer); stop took %.1f s; attempts started twice %d; load %s%n",
                event, interrupted.size(), Percentiles.of(again).toString().replace(" / ", " / max "), never, done,
                saved, lost, lost / removed, (gone - at) / 1000.0, twice, LoadAverage.now());
    }

    /**
     * Whether KEDA, scaling on the trainers' lag with lagThreshold 1, would ever have asked for fewer trainers than
     * were holding a trial: per second from {@code from} to {@code until}, the group's total lag against the
     * attempts running at that moment.
     */
    private void kedaSignal(String id, long from, long until) {
        List<Timeline.LagSample> samples = timeline.lagsBetween(from, until);
        Collection<Attempts.Attempt> attempts = Attempts.of(timeline.marksOf(id));
        long below = 0;
        long minMargin = Long.MAX_VALUE;
        long maxLag = 0;
        for (Timeline.LagSample sample : samples) {
            long holding = attempts.stream().filter(a -> a.runningAt(sample.millis())).count();
            minMargin = Math.min(minMargin, sample.totalLag() - holding);
            maxLag = Math.max(maxLag, sample.totalLag());
            if (sample.totalLag() < holding) {
                below++;
            }
        }
        out.printf("  KEDA's signal (lag, lagThreshold 1): %d samples, below the trainers holding a trial in %d; "
                + "smallest margin lag - holding %s; largest lag %d%n", samples.size(), below,
                samples.isEmpty() ? "n/a" : String.valueOf(minMargin), maxLag);
    }

    /** Pauses the study, waits until nothing is in flight, and compares the optimizer's counts with the broker's. */
    private void audit(String id, ScaleBench.Plan plan, List<ServiceProcess> trainers) {
        client.pause(id);
        long deadline = System.currentTimeMillis() + plan.meanTrial().multipliedBy(6).toMillis() + 360_000;
        JsonNode study = client.study(id);
        while (study.path("inFlight").asLong() > 0 && System.currentTimeMillis() < deadline) {
            ScaleBench.sleep(Duration.ofSeconds(2));
            study = client.study(id);
        }
        Collection<Attempts.Attempt> attempts = Attempts.of(timeline.marksOf(id));
        long proposedTrials = attempts.stream().map(Attempts.Attempt::trialId).distinct().count();
        long scoredTrials = attempts.stream().filter(a -> a.scored() > 0).map(Attempts.Attempt::trialId).distinct().count();
        long counted = study.path("counted").asLong();
        long complete = counted - study.path("failed").asLong() - study.path("pruned").asLong();
        out.printf("  audit: %d trials proposed, %d counted by the optimizer (%d complete, %d still in flight); "
                        + "scored on the broker %d; lost %d, counted twice %d%n", proposedTrials, counted, complete,
                study.path("inFlight").asLong(), scoredTrials, proposedTrials - counted - study.path("inFlight").asLong(),
                complete - scoredTrials);
        bench.stopStudy(id);
        trainers.forEach(ServiceProcess::close);
        bench.awaitMembers(0);
    }

    /** The first moment in [from, until) at which {@code n} attempts of the study run at once; -1 if none. */
    private long firstTimeRunning(String id, int n, long from, long until) {
        while (System.currentTimeMillis() < until) {
            long now = System.currentTimeMillis();
            long running = Attempts.of(timeline.marksOf(id)).stream().filter(a -> a.runningAt(now)).count();
            if (running >= n) {
                return now;
            }
            ScaleBench.sleep(Duration.ofMillis(250));
        }
        return -1;
    }
}
