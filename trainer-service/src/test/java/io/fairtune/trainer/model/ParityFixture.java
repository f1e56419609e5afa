package io.fairtune.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairtune.model.study.VitConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden ViT fixture written by {@code tools/vit_parity_fixture.py} (PyTorch, timm's ViT semantics):
 * weights, an input batch, logits, gradients, parameters after one masked AdamW step, resampled position
 * embeddings. See that script for what each tensor is.
 */
final class ParityFixture {

    static final String DIR = "/parity/vit64/";

    final JsonNode meta;
    final NDList expected;

    ParityFixture(NDManager manager) {
        try (InputStream metaIn = resource("meta.json"); InputStream in = resource("expected.safetensors")) {
            meta = new ObjectMapper().readTree(metaIn);
            expected = NDList.decode(manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path weights() {
        try {
            return Path.of(ParityFixture.class.getResource(DIR + "vit.safetensors").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ParityFixture.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + DIR + name
                    + " (regenerate with /usr/bin/python3 tools/vit_parity_fixture.py)");
        }
        return in;
    }

    VitConfig config() {
        JsonNode c = meta.get("config");
        return new VitConfig(c.get("image_size").asInt(), c.get("patch").asInt(), c.get("dim").asInt(),
                c.get("depth").asInt(), c.get("heads").asInt(), c.get("mlp_ratio").asInt(), c.get("classes").asInt());
    }

    NDArray tensor(String name) {
        NDArray a = expected.get(name);
        if (a == null) {
            throw new IllegalStateException("fixture has no tensor " + name);
        }
        return a;
    }

    List<String> trainable() {
        List<String> names = new ArrayList<>();
        meta.get("trainable").forEach(n -> names.add(n.asText()));
        return names;
    }

    float[] classWeights() {
        JsonNode w = meta.get("class_weights");
        float[] out = new float[w.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) w.get(i).asDouble();
        }
        return out;
    }

    /** Where {@link #relativeError} is largest, for a failure message. */
    static String worst(float[] actual, float[] expected) {
        int at = 0;
        for (int i = 0; i < actual.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > Math.abs(actual[at] - expected[at])) {
                at = i;
            }
        }
        return "[" + at + "] " + actual[at] + " vs expected " + expected[at];
    }

    /** max |actual - expected| / max |expected| over the tensor: the relative error the parity tests bound. */
    static double relativeError(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("length " + actual.length + " vs expected " + expected.length);
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < actual.length; i++) {
            diff = Math.max(diff, Math.abs((double) actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }
}
