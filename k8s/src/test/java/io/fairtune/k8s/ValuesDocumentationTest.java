package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** values.yaml documents every value with an {@code @param} line, and the chart README lists them all. */
class ValuesDocumentationTest {

    private static final Pattern PARAM = Pattern.compile("^## @param (\\S+) \\S.*$", Pattern.MULTILINE);

    @Test
    void everyValueHasAParamAndEveryParamAValue() throws IOException {
        String text = Files.readString(ValueSets.chartDir().resolve("values.yaml"));
        Set<String> params = params(text);
        JsonNode values = new YAMLMapper().readTree(text);
        Set<String> leaves = new TreeSet<>();
        collectLeaves(values, "", leaves);

        List<String> undocumented = new ArrayList<>();
        for (String leaf : leaves) {
            if (!documented(leaf, params)) {
                undocumented.add(leaf);
            }
        }
        assertTrue(undocumented.isEmpty(), () -> "values without an @param: " + undocumented);
        List<String> dangling = params.stream().filter(p -> values.at("/" + p.replace(".", "/")).isMissingNode()).toList();
        assertTrue(dangling.isEmpty(), () -> "@param for values that do not exist: " + dangling);
    }

    @Test
    void readmeListsEveryParam() throws IOException {
        Set<String> params = params(Files.readString(ValueSets.chartDir().resolve("values.yaml")));
        String readme = Files.readString(ValueSets.chartDir().resolve("README.md"));
        List<String> absent = params.stream().filter(p -> !readme.contains("`" + p + "`")).toList();
        assertTrue(absent.isEmpty(), () -> "README.md misses " + absent);
    }

    private static Set<String> params(String valuesYaml) {
        Set<String> params = new TreeSet<>();
        Matcher m = PARAM.matcher(valuesYaml);
        while (m.find()) {
            params.add(m.group(1));
        }
        return params;
    }

    /** A param for a map (resources, probes, nodeSelector...) documents everything under it. */
    private static boolean documented(String leaf, Set<String> params) {
        for (String p = leaf; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
            if (params.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static void collectLeaves(JsonNode node, String path, Set<String> out) {
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                collectLeaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else {
            out.add(path);
        }
    }
}
