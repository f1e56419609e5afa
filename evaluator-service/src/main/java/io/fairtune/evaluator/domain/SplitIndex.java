package io.fairtune.evaluator.domain;

import io.fairtune.model.data.ManifestSample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One split of a manifest, indexed for aligning predictions: position by sample id, labels, groups. */
public final class SplitIndex {

    private final String split;
    private final List<ManifestSample> samples;
    private final Map<String, Integer> positionById;
    private final int[] labels;
    private final List<String> attributes;
    private final Map<String, String[]> groupsByAttribute = new ConcurrentHashMap<>();

    SplitIndex(String split, List<ManifestSample> samples, List<String> attributes) {
        this.split = split;
        this.attributes = List.copyOf(attributes);
        this.samples = List.copyOf(samples);
        this.positionById = new HashMap<>(samples.size() * 2);
        this.labels = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            positionById.put(samples.get(i).sampleId(), i);
            labels[i] = samples.get(i).label();
        }
    }

    public String split() {
        return split;
    }

    /** The manifest's sensitive-attribute columns. */
    public List<String> attributes() {
        return attributes;
    }

    public int size() {
        return samples.size();
    }

    /** Position of the sample in this split, or -1 when the id is not in it. */
    public int position(String sampleId) {
        Integer p = positionById.get(sampleId);
        return p == null ? -1 : p;
    }

    public String sampleId(int position) {
        return samples.get(position).sampleId();
    }

    public int label(int position) {
        return labels[position];
    }

    /**
     * Group value per position (null = unknown). Values are canonicalised to one String instance per group,
     * which lets the metric code map groups by identity.
     */
    public String[] groups(String attribute) {
        return groupsByAttribute.computeIfAbsent(attribute, a -> {
            Map<String, String> canonical = new HashMap<>();
            String[] out = new String[samples.size()];
            for (int i = 0; i < out.length; i++) {
                String g = samples.get(i).group(a);
                out[i] = g == null ? null : canonical.computeIfAbsent(g, v -> v);
            }
            return out;
        });
    }
}
