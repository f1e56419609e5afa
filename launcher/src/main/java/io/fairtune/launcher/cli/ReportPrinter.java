package io.fairtune.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Prints the optimizer's study report as the table users read: one row per arm, test metrics ± 95 % CI, each with
 * the caveats the optimizer attached in words; then the winner's curse (search score against re-evaluated and test
 * scores) and the trials that diverged.
 */
final class ReportPrinter {

    private ReportPrinter() {
    }

    static void print(JsonNode report, PrintStream out) {
        out.printf(Locale.ROOT, "Study %s (%s): %d/%d search trials counted%n", report.path("name").asText(),
                report.path("state").asText(), report.path("searchTrialsCounted").asInt(),
                report.path("trialBudget").asInt());
        JsonNode best = report.path("best");
        List<String> objectives = new ArrayList<>();
        report.path("objectives").forEach(o -> objectives.add(o.asText()));
        if (!best.isMissingNode() && !best.isNull()) {
            StringBuilder val = new StringBuilder();
            for (int i = 0; i < objectives.size(); i++) {
                JsonNode v = best.path("validationObjectives").path(i);
                val.append(i == 0 ? "" : ", ").append(objectives.get(i)).append(' ')
                        .append(v.isNumber() ? String.format(Locale.ROOT, "%.4f", v.asDouble()) : "undefined");
            }
            out.printf(Locale.ROOT, "Best mask %s (trial #%d), searched lr %.2e, validation %s%n",
                    best.path("mask").asText(), best.path("number").asInt(), best.path("learningRate").asDouble(), val);
            JsonNode validation = best.path("validationMetrics");
            if (validation.isObject() && !validation.isEmpty()) {
                List<String> cells = new ArrayList<>();
                columns(List.of(validation)).forEach((key, title) -> {
                    JsonNode v = validation.path(key);
                    cells.add(title + " " + (v.isNumber() ? String.format(Locale.ROOT, "%.3f", v.asDouble()) : "n/a"));
                });
                out.println("Validation split, best trial (search seed): " + String.join(", ", cells));
            }
            caveats(best.path("caveats"), "", out);
        }
        printArms(report.path("arms"), out);
        printWinnersCurse(report.path("winnersCurse"), out);
        printDiverged(report.path("diverged"), out);
    }

    private static void printArms(JsonNode arms, PrintStream out) {
        if (arms.isEmpty()) {
            out.println("No final-phase results (finalPhase.seeds = 0).");
            return;
        }
        List<JsonNode> armMetrics = new ArrayList<>();
        arms.forEach(arm -> armMetrics.add(arm.path("metrics")));
        Map<String, String> columns = columns(armMetrics);
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("arm", "lr", "seeds"));
        header.addAll(columns.values());
        rows.add(header);
        for (JsonNode arm : arms) {
            List<String> row = new ArrayList<>();
            row.add(arm.path("arm").asText());
            row.add(String.format(Locale.ROOT, "%.1e", arm.path("learningRate").asDouble()));
            row.add(arm.path("seedsScored").asInt() + (arm.path("seedsFailed").asInt() > 0
                    ? " (+" + arm.path("seedsFailed").asInt() + " failed)" : ""));
            for (String key : columns.keySet()) {
                row.add(cell(arm.path("metrics").path(key)));
            }
            rows.add(row);
        }
        out.println("Test split, mean ± 95% CI over seeds:");
        printTable(rows, out);
        for (JsonNode arm : arms) {
            caveats(arm.path("caveats"), arm.path("arm").asText() + ": ", out);
        }
    }

    /** Each caveat on its own line, marked, so a number that means nothing is never read alone. */
    private static void caveats(JsonNode caveats, String prefix, PrintStream out) {
        caveats.forEach(c -> out.println("  ! " + prefix + c.asText()));
    }

    private static void printWinnersCurse(JsonNode w, PrintStream out) {
        if (w.isMissingNode() || w.isNull()) {
            return;
        }
        String objective = w.path("objective").asText();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "Winner's curse (%s of trial #%d): search %s (one seed, the score it was chosen on)", objective,
                w.path("trialNumber").asInt(), number(w.path("searchScore"), "%.4f")));
        if (w.path("reevaluated").isObject()) {
            line.append(", re-evaluated on validation ").append(summary(w.path("reevaluated")));
        }
        line.append(", test ").append(w.path("test").isObject() ? summary(w.path("test")) : "not scored");
        out.println(line);
        List<String> gaps = new ArrayList<>();
        if (w.path("searchMinusReevaluated").isNumber()) {
            gaps.add(String.format(Locale.ROOT, "search − re-evaluated %+.4f", w.path("searchMinusReevaluated").asDouble()));
        }
        if (w.path("searchMinusTest").isNumber()) {
            gaps.add(String.format(Locale.ROOT, "search − test %+.4f", w.path("searchMinusTest").asDouble()));
        }
        if (!gaps.isEmpty()) {
            out.println("  " + String.join(", ", gaps));
        }
        JsonNode candidates = w.path("candidates");
        if (!candidates.isEmpty()) {
            out.printf(Locale.ROOT, "Re-evaluated masks (top %d of the search; chosen by %s):%n", candidates.size(),
                    "ci-low".equals(w.path("selectedBy").asText()) ? "the lower end of the 95% CI" : "the mean");
            for (JsonNode c : candidates) {
                out.printf(Locale.ROOT, "  #%d %s lr %.2e: search %s, re-evaluated %s%s%s%n", c.path("trialNumber").asInt(),
                        c.path("mask").asText(), c.path("learningRate").asDouble(), number(c.path("searchScore"), "%.4f"),
                        summary(c.path("validation")), c.path("seedsFailed").asInt() > 0
                                ? " (+" + c.path("seedsFailed").asInt() + " failed)" : "",
                        c.path("chosen").asBoolean() ? "  <- chosen" : "");
            }
        }
    }

    private static void printDiverged(JsonNode diverged, PrintStream out) {
        if (diverged.isMissingNode() || diverged.isEmpty()) {
            return;
        }
        out.println("Diverged (a non-finite value that recurred at the same step when replayed with the same seed):");
        for (JsonNode d : diverged) {
            JsonNode at = d.path("divergence");
            out.printf(Locale.ROOT, "  #%d %s, mask %s: %s became %s at epoch %d, step %d, lr %.2e%n",
                    d.path("number").asInt(), d.path("label").asText(), d.path("mask").asText(),
                    at.path("quantity").asText(), at.path("value").asText(), at.path("epoch").asInt(),
                    at.path("step").asInt(), at.path("learningRate").asDouble());
        }
    }

    private static String summary(JsonNode s) {
        if (!s.path("mean").isNumber() || s.path("n").asInt() == 0) {
            return "undefined";
        }
        return cell(s) + " (" + s.path("n").asInt() + (s.path("n").asInt() == 1 ? " seed)" : " seeds)");
    }

    private static String number(JsonNode v, String format) {
        return v.isNumber() ? String.format(Locale.ROOT, format, v.asDouble()) : "undefined";
    }

    /**
     * Metric key → column title: overall AUC, worst-group AUC, each group's AUC, AUC gap, EOdds difference, then
     * worst-group AUC and gap of each report-only attribute, for the metric keys present in {@code metricSets}.
     */
    private static Map<String, String> columns(List<JsonNode> metricSets) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("overall.auc", "AUC");
        columns.put("min_auc", "worst-group AUC");
        TreeSet<String> groups = new TreeSet<>();
        for (JsonNode metrics : metricSets) {
            for (Iterator<String> it = metrics.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (key.startsWith("group.") && key.endsWith(".auc")) {
                    groups.add(key);
                }
            }
        }
        for (String g : groups) {
            columns.put(g, "AUC " + g.substring("group.".length(), g.length() - ".auc".length()));
        }
        columns.put("auc_gap", "AUC gap");
        columns.put("eodds_diff", "EOdds diff");
        // report-only attributes (e.g. age) get their worst-group AUC and gap
        TreeSet<String> attributes = new TreeSet<>();
        for (JsonNode metrics : metricSets) {
            for (Iterator<String> it = metrics.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (key.startsWith("attr.") && key.endsWith(".min_auc")) {
                    attributes.add(key.substring("attr.".length(), key.length() - ".min_auc".length()));
                }
            }
        }
        for (String a : attributes) {
            columns.put("attr." + a + ".min_auc", a + " worst AUC");
            columns.put("attr." + a + ".auc_gap", a + " AUC gap");
        }
        return columns;
    }

    private static String cell(JsonNode summary) {
        if (summary.isMissingNode() || summary.isNull() || !summary.path("mean").isNumber()) {
            return "n/a";
        }
        JsonNode ci = summary.path("ci95");
        return ci.isNumber() ? String.format(Locale.ROOT, "%.3f ± %.3f", summary.path("mean").asDouble(), ci.asDouble())
                : String.format(Locale.ROOT, "%.3f", summary.path("mean").asDouble());
    }

    private static void printTable(List<List<String>> rows, PrintStream out) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                sb.append(String.format("%-" + widths[i] + "s", rows.get(r).get(i))).append(i + 1 < widths.length ? "  " : "");
            }
            out.println(sb.toString().stripTrailing());
            if (r == 0) {
                out.println("-".repeat(sb.length()));
            }
        }
    }
}
