package io.fairtune.launcher.bench;

import io.fairtune.model.metrics.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a benchmark's results: the pairs and their differences as CSV, the cost per arm, the plot, a README. */
public final class BenchOutputs {

    private BenchOutputs() {
    }

    /**
     * @param label    what this run is, first line of the README and the plot's title (a smoke run says so)
     * @param settings the run's settings, printed in the README
     * @param notes    further README paragraphs (the command line, wall time, the estimate of a full run)
     */
    public static void write(Path dir, String label, BenchSettings settings, List<ReplicateResult> replicates,
                             List<String> notes) throws IOException {
        Files.createDirectories(dir);
        List<PairedDifferences.Pair> pairs = PairedDifferences.pairs(replicates);
        List<PairedDifferences.Row> rows = PairedDifferences.rows(settings.attributes(), pairs);

        List<String> pairLines = new ArrayList<>(List.of("attribute,replicate,final_seed,metric,versus,searched,other,difference"));
        for (PairedDifferences.Pair p : pairs) {
            pairLines.add(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%.6f,%.6f,%.6f", p.attribute(), p.replicate(),
                    p.finalSeed(), p.metric(), p.versus(), p.searched(), p.other(), p.difference()));
        }
        Files.write(dir.resolve("pairs.csv"), pairLines);

        List<String> rowLines = new ArrayList<>(List.of("attribute,comparison,metric,n,mean,ci95_low,ci95_high"));
        for (PairedDifferences.Row r : rows) {
            Summary d = r.difference();
            rowLines.add(String.format(Locale.ROOT, "%s,%s,%s,%d,%.6f,%s,%s", r.attribute(), r.comparison(), r.metric(),
                    d.n(), d.mean(), d.ci95() == null ? "" : fmt(d.mean() - d.ci95()),
                    d.ci95() == null ? "" : fmt(d.mean() + d.ci95())));
        }
        Files.write(dir.resolve("paired-differences.csv"), rowLines);

        List<String> costLines = new ArrayList<>(List.of(
                "attribute,replicate,arm,trials,search_trainer_seconds,final_trainer_seconds,total_trainer_seconds"));
        Map<String, ReplicateResult.ArmCost> totals = new LinkedHashMap<>();
        for (ReplicateResult r : replicates) {
            r.cost().forEach((arm, c) -> {
                costLines.add(String.format(Locale.ROOT, "%s,%d,%s,%d,%.1f,%.1f,%.1f", r.attribute(), r.replicate(), arm,
                        c.trials(), c.searchSeconds(), c.finalSeconds(), c.totalSeconds()));
                totals.merge(arm, c, (x, y) -> new ReplicateResult.ArmCost(x.trials() + y.trials(),
                        x.searchSeconds() + y.searchSeconds(), x.finalSeconds() + y.finalSeconds()));
            });
        }
        Files.write(dir.resolve("cost.csv"), costLines);

        DifferencePlot.write(dir.resolve("paired-differences.png"), label, settings.attributes(), rows);
        Files.write(dir.resolve("README.md"), readme(label, settings, rows, totals, notes));
    }

    private static List<String> readme(String label, BenchSettings s, List<PairedDifferences.Row> rows,
                                       Map<String, ReplicateResult.ArmCost> totals, List<String> notes) {
        List<String> md = new ArrayList<>();
        md.add("# " + label);
        md.add("");
        md.add(String.format(Locale.ROOT, "Settings: attributes %s; %d replicate(s) (study seeds %d..%d); search budget %d "
                        + "(%d random startup trials, successive-halving pruning after %d trials); %d epoch(s); "
                        + "training images %s; re-evaluation top %d x %d seeds; final phase %d seed(s) per arm.",
                s.attributes(), s.replicates(), s.studySeed(0), s.studySeed(s.replicates() - 1), s.budget(),
                s.startupTrials(), s.prunerWarmup(), s.epochs(), s.maxTrain() == 0 ? "all" : String.valueOf(s.maxTrain()),
                s.reevaluateTopK(), s.reevaluateSeeds(), s.finalSeeds()));
        md.add("");
        md.add("Paired differences on test, searched mask minus each arm, mean and 95 % t interval over replicates x "
                + "seeds (worst-group AUC: > 0 favours the searched mask; AUC gap: < 0 does). Files: "
                + "`paired-differences.csv`, `pairs.csv` (every pair), `cost.csv`, `paired-differences.png`.");
        md.add("");
        md.add("| attribute | metric | comparison | n | mean | 95 % CI |");
        md.add("| --- | --- | --- | --- | --- | --- |");
        for (PairedDifferences.Row r : rows) {
            Summary d = r.difference();
            md.add(String.format(Locale.ROOT, "| %s | %s | %s | %d | %+.4f | %s |", r.attribute(), r.metric(),
                    r.comparison(), d.n(), d.mean(), d.ci95() == null ? "n/a (one pair)"
                            : String.format(Locale.ROOT, "[%+.4f, %+.4f]", d.mean() - d.ci95(), d.mean() + d.ci95())));
        }
        md.add("");
        md.add("Compute per arm (trainer seconds, started to finished, summed over trials; the searched and random arms "
                + "include their search and re-evaluation):");
        md.add("");
        md.add("| arm | trials | search + re-evaluation s | final phase s | total s |");
        md.add("| --- | --- | --- | --- | --- |");
        totals.forEach((arm, c) -> md.add(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f |", arm, c.trials(),
                c.searchSeconds(), c.finalSeconds(), c.totalSeconds())));
        md.add("");
        notes.forEach(n -> {
            md.add(n);
            md.add("");
        });
        md.add("![paired differences](paired-differences.png)");
        return md;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
