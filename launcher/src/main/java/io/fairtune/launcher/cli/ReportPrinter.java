package io.fairtune.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.model.events.EventCodec;
import java.io.PrintStream;

/** Prints a study report. */
final class ReportPrinter {

    private ReportPrinter() {
    }

    static void print(JsonNode report, PrintStream out) {
        try {
            out.println(EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } catch (Exception e) {
            out.println(report);
        }
    }
}
