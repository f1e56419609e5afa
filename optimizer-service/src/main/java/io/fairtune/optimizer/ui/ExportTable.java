package io.fairtune.optimizer.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table with named columns, written as CSV (RFC 4180) or as JSON objects keyed by the same column names. */
final class ExportTable {

    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    ExportTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Cells in column order; null is an empty cell (CSV) or null (JSON). */
    void add(List<Object> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns.size() + " columns");
        }
        rows.add(cells);
    }

    String toCsv() {
        StringBuilder sb = new StringBuilder();
        line(sb, new ArrayList<>(columns));
        for (List<Object> row : rows) {
            line(sb, row);
        }
        return sb.toString();
    }

    List<Map<String, Object>> toJson() {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                o.put(columns.get(i), row.get(i));
            }
            out.add(o);
        }
        return out;
    }

    private static void line(StringBuilder sb, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        sb.append("\r\n");
    }

    /** Numbers in Java's shortest round-trip form, so a CSV value parses back to exactly the API's double. */
    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (v instanceof CharSequence && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            // a spreadsheet would run a text cell starting like this as a formula (e.g. a crafted failure reason)
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
