package io.fairtune.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Renders the chart with helm-java (no cluster) and parses the multi-document output. */
public final class ChartRenderer {

    public static final String RELEASE = "ft";
    public static final String NAMESPACE = "fairtune";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, RenderedChart> CACHE = new ConcurrentHashMap<>();

    private ChartRenderer() {
    }

    /** Renders once per value set and JVM; the output is also written to target/rendered/NAME.yaml. */
    public static RenderedChart render(ValueSet values) {
        return CACHE.computeIfAbsent(values.name() + values.hashCode(), k -> doRender(values));
    }

    /** Renders without caching; throws what helm throws (e.g. a template's fail message). */
    public static String renderRaw(ValueSet values) {
        TemplateCommand cmd = new Helm(ValueSets.chartDir()).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE);
        for (Path file : values.valuesFiles()) {
            cmd = cmd.withValuesFile(file);
        }
        for (Map.Entry<String, Object> e : values.sets().entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        return cmd.call();
    }

    private static RenderedChart doRender(ValueSet values) {
        String text = renderRaw(values);
        try {
            Path out = ValueSets.buildDir().resolve("rendered").resolve(values.name() + ".yaml");
            Files.createDirectories(out.getParent());
            Files.writeString(out, text);
            return new RenderedChart(values.name(), text, parse(text), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<JsonNode> parse(String multiDocYaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(multiDocYaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                // "---" followed only by comments parses as an empty document
                if (doc != null && doc.isObject() && doc.size() > 0) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}
