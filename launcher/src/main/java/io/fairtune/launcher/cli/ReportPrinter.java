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

/** Prints the optimizer's study report as the table users read: one row per arm, test metrics ± 95 % CI. */
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
        }
        JsonNode arms = report.path("arms");
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
