package io.fairtune.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a pretrained classifier's final linear layer into a fresh 2-class head in place: rows 0 and 1 of its
 * weight and bias are drawn again, seeded, the way PyTorch initialises a new {@code nn.Linear(fan_in, 2)}
 * (weight and bias uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)]). Reading logits[:, :2] is then a new binary
 * head; the pretrained rows 2.. are not read by anything.
 */
final class FreshBinaryHead {

    private FreshBinaryHead() {
    }

    static void initialise(Map<String, Parameter> named, List<String> headPrefixes, long seed) {
        for (String prefix : headPrefixes) {
            Parameter weight = named.get(prefix + "weight");
            Parameter bias = named.get(prefix + "bias");
            if (weight == null || weight.getArray().getShape().dimension() != 2) {
                continue;
            }
            NDArray w = weight.getArray();
            long rows = w.getShape().get(0);
            int fanIn = (int) w.getShape().get(1);
            if (rows < 2) {
                throw new InvalidCheckpointException("head " + prefix + "weight has " + rows
                        + " output(s); a binary task needs at least 2");
            }
            Random rng = new Random(seed * 0x9E3779B97F4A7C15L + prefix.hashCode());
            double bound = 1 / Math.sqrt(fanIn);
            float[] values = w.toFloatArray();
            for (int i = 0; i < 2 * fanIn; i++) {
                values[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
            w.set(values);
            if (bias != null) {
                float[] b = bias.getArray().toFloatArray();
                b[0] = (float) ((rng.nextDouble() * 2 - 1) * bound);
                b[1] = (float) ((rng.nextDouble() * 2 - 1) * bound);
                bias.getArray().set(b);
            }
            return;
        }
        throw new InvalidCheckpointException("no 2-D head weight under " + headPrefixes);
    }
}
