package io.fairtune.k8s;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metric names a PromQL expression (or a Grafana templating query) reads. Not a full parser: it removes
 * what cannot be a metric name (strings, label matchers, ranges, grouping clauses, Grafana variables,
 * numbers and durations) and keeps identifiers that are neither functions nor keywords.
 */
final class PromQlMetricNames {

    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern LABEL_VALUES_NO_METRIC = Pattern.compile("^\\s*label_values\\s*\\(\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$");
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKEN = Pattern.compile("\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[a-zA-Z]*|[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless", "inf", "nan", "Inf", "NaN", "atan2");

    private PromQlMetricNames() {
    }

    static Set<String> of(String expr) {
        Matcher lv = LABEL_VALUES.matcher(expr);
        if (lv.matches()) {
            return of(lv.group(1));
        }
        if (LABEL_VALUES_NO_METRIC.matcher(expr).matches()) {
            return Set.of();
        }
        Matcher qr = QUERY_RESULT.matcher(expr);
        if (qr.matches()) {
            return of(qr.group(1));
        }
        String s = STRINGS.matcher(expr).replaceAll(" ");
        s = s.replaceAll("\\{[^}]*\\}", " ");
        s = s.replaceAll("\\[[^\\]]*\\]", " ");
        s = s.replaceAll("\\$\\{[^}]*\\}|\\$[a-zA-Z_][a-zA-Z0-9_]*", " ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            String token = m.group();
            if (Character.isDigit(token.charAt(0)) || KEYWORDS.contains(token)) {
                continue;
            }
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean isFunction = next < s.length() && s.charAt(next) == '(';
            if (!isFunction) {
                names.add(token);
            }
        }
        return names;
    }
}
