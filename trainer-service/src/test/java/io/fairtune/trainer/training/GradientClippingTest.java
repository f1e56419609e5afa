package io.fairtune.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.trainer.model.BackboneLoader;
import io.fairtune.trainer.model.LoadedBackbone;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Global gradient-norm clipping against torch.nn.utils.clip_grad_norm_ (tools/clip_grad_fixture.py), and in a run. */
class GradientClippingTest {

    @Test
    void clipsTheGlobalNormExactlyAsPyTorch() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/parity/clip_grad.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        JsonNode shapes = fixture.get("shapes");
        int clipped = 0;
        for (JsonNode c : fixture.get("cases")) {
            try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                List<NDArray> grads = new ArrayList<>();
                for (int i = 0; i < shapes.size(); i++) {
                    long[] shape = new long[shapes.get(i).size()];
                    for (int d = 0; d < shape.length; d++) {
                        shape[d] = shapes.get(i).get(d).asLong();
                    }
                    grads.add(m.create(floats(fixture.get("grads").get(i)), new Shape(shape)));
                }
                double maxNorm = c.get("max_norm").asDouble();
                double total = GradientClipping.clip(grads, maxNorm);
                assertEquals(c.get("total_norm").asDouble(), total, 1e-6, "total norm at max " + maxNorm);
                for (int i = 0; i < grads.size(); i++) {
                    assertArrayEquals(floats(c.get("clipped").get(i)), grads.get(i).toFloatArray(), 1e-6f,
                            "tensor " + i + " at max " + maxNorm);
                }
                float[] after = grads.stream().map(NDArray::toFloatArray).reduce(new float[0], GradientClippingTest::concat);
                double norm = Math.sqrt(sumOfSquares(after));
                if (maxNorm < total) {
                    clipped++;
                    assertEquals(maxNorm, norm, 1e-5, "clipped to the max norm");
                } else {
                    assertEquals(total, norm, 1e-6, "left alone below the max norm");
                }
            }
        }
        assertEquals(2, clipped, "the fixture clips at two of its three max norms");
    }

    @Test
    void aRunClipsOnlyWhenTheNormExceedsTheMaximum() {
        InnerLoopSpec loop = new InnerLoopSpec(2, 8, "sgd", "constant", 0, 0.0, 1e-5, 1e-1, false, true);
        double[] plain = run(loop);
        assertArrayEquals(plain, run(loop.withMaxGradNorm(1e9)), 0.0,
                "a maximum no gradient reaches changes nothing, bit for bit");
        double[] clipped = run(loop.withMaxGradNorm(1e-4));
        assertFalse(Arrays.equals(plain, clipped), "a maximum every step exceeds changes the model");
        // with every update's norm bounded by 1e-4 the head barely moves from its initial scores
        double[] untrained = run(new InnerLoopSpec(1, 8, "sgd", "constant", 0, 0.0, 1e-9, 1e-9, false, true));
        double drift = 0;
        double plainDrift = 0;
        for (int i = 0; i < plain.length; i++) {
            drift = Math.max(drift, Math.abs(clipped[i] - untrained[i]));
            plainDrift = Math.max(plainDrift, Math.abs(plain[i] - untrained[i]));
        }
        assertTrue(drift < plainDrift / 10, "clipped drift " + drift + " vs unclipped " + plainDrift);
    }

    private static double[] run(InnerLoopSpec loop) {
        try (LoadedBackbone backbone = BackboneLoader.freshVit(FineTunerTest.SMALL, 5, Device.cpu())) {
            return FineTuner.run(backbone, FineTunerTest.TRAIN, FineTunerTest.VAL, FineTunerTest.VAL,
                    new FineTuneSettings(loop, loop.lrMax(), 7, FineTunerTest.TOP2, false, 1L << 30, 16),
                    FineTuneListener.NONE, () -> false).scores();
        }
    }

    private static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double sumOfSquares(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return s;
    }
}
