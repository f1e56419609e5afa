package io.fairtune.model.data;

import java.util.Map;

/**
 * One row of a manifest. {@code attributes} holds every sensitive column; a missing value is absent
 * from the map (unknown), never mapped to a group.
 */
public record ManifestSample(String sampleId, String path, int label, String split, Map<String, String> attributes) {

    public ManifestSample {
        attributes = Map.copyOf(attributes);
    }

    /** The group of this sample under {@code attribute}, or null when unknown. */
    public String group(String attribute) {
        return attributes.get(attribute);
    }
}
