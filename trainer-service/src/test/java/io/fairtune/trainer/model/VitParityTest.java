package io.fairtune.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.fairtune.model.data.ManifestSample;
import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.model.study.VitConfig;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.training.FineTuneListener;
import io.fairtune.trainer.training.FineTuneSettings;
import io.fairtune.trainer.training.FineTuner;
import io.fairtune.trainer.training.WeightedCrossEntropy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden parity with PyTorch: the fixture from {@code tools/vit_parity_fixture.py} (a ViT with timm's names and
 * semantics, random weights, 64 px, patch 16, width 64, depth 2) must give the same logits, loss and gradient
 * of every parameter here, and one masked fine-tuning step of the trainer must move the parameters exactly as
 * {@code torch.optim.AdamW} does, frozen tensors bit-identical; position embeddings resample as in timm. Tolerance: 1e-4 relative to the tensor's
 * largest magnitude.
 */
class VitParityTest {

    private static final double TOLERANCE = 1e-4;

    @Test
    void logitsLossAndEveryGradientMatchPyTorch() throws Exception {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ParityFixture f = new ParityFixture(m);
            try (LoadedBackbone backbone = BackboneLoader.freshVit(f.config(), 7, Device.cpu())) {
                VisionTransformer vit = backbone.vit().orElseThrow();
                VitCheckpoint.load(vit, ParityFixture.weights(), name -> false);
                ParameterStore ps = new ParameterStore(m, false);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = vit.forward(ps, new NDList(f.tensor("input")), true).head();
                    NDArray loss = new WeightedCrossEntropy(f.classWeights())
                            .evaluate(new NDList(f.tensor("labels")), new NDList(logits));
                    assertClose("logits", logits.toFloatArray(), f.tensor("logits").toFloatArray());
                    assertClose("loss", new float[] {loss.getFloat()}, f.tensor("loss").toFloatArray());
                    gc.backward(loss);
                }
                assertEquals(32, backbone.namedParameters().size());
                for (Map.Entry<String, Parameter> e : backbone.namedParameters().entrySet()) {
                    assertClose("gradient of " + e.getKey(), e.getValue().getArray().getGradient().toFloatArray(),
                            f.tensor("grad." + e.getKey()).toFloatArray());
                }
            }
        }
    }

    @Test
    void oneMaskedAdamWStepOfTheTrainerMatchesTorchOptimAdamW() throws Exception {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ParityFixture f = new ParityFixture(m);
            VitConfig config = f.config();
            try (LoadedBackbone backbone = BackboneLoader.freshVit(config, 7, Device.cpu())) {
                VitCheckpoint.load(backbone.vit().orElseThrow(), ParityFixture.weights(), name -> false);
                ParameterSelection selection = ParameterSelection.parse(f.meta.get("space").asText(),
                        f.meta.get("mask").asText(), backbone.layout());
                assertEquals(f.trainable(), selection.trainable(backbone.namedParameters().keySet()));
                Map<String, float[]> before = new HashMap<>();
                backbone.namedParameters().forEach((k, v) -> before.put(k, v.getArray().toFloatArray()));

                ImageSplit batch = split(f.tensor("input"), f.tensor("labels"), config.imageSize());
                // one epoch of one batch: exactly one optimizer step at the base learning rate
                InnerLoopSpec loop = new InnerLoopSpec(1, batch.count(), "adamw", "constant", 0,
                        f.meta.get("weight_decay").asDouble(), 1e-5, 1e-2, false, true);
                double lr = f.meta.get("learning_rate").asDouble();
                FineTuner.run(backbone, batch, null, batch, new FineTuneSettings(loop, lr, 1, selection, true,
                        1L << 30, 64), FineTuneListener.NONE, () -> false);

                int frozen = 0;
                for (Map.Entry<String, Parameter> e : backbone.namedParameters().entrySet()) {
                    String name = e.getKey();
                    float[] after = e.getValue().getArray().toFloatArray();
                    float[] expected = f.tensor("after." + name).toFloatArray();
                    if (!f.trainable().contains(name)) {
                        assertArrayEquals(before.get(name), after, 0f, name + " is frozen but changed");
                        assertArrayEquals(expected, after, 0f, name + " is frozen but differs from PyTorch's");
                        frozen++;
                        continue;
                    }
                    if (name.endsWith("attn.qkv.bias")) {
                        assertKeyBiasStep(name, after, expected, before.get(name), f, lr, config.embedDim());
                    }
                    assertClose("parameter after the AdamW step: " + name, after, expected);
                }
                assertEquals(18, frozen);
            }
        }
    }

    @Test
    void positionEmbeddingResampledLikeTimmInBothDirections() throws Exception {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ParityFixture f = new ParityFixture(m);
            try (LoadedBackbone backbone = BackboneLoader.freshVit(f.config(), 7, Device.cpu())) {
                VitCheckpoint.load(backbone.vit().orElseThrow(), ParityFixture.weights(), name -> false);
                float[] pos = backbone.namedParameters().get("pos_embed").getArray().toFloatArray();
                int dim = f.config().embedDim();
                for (int grid : new int[] {2, 6}) { // 4x4 patches shrunk (antialiased) and enlarged
                    assertClose("pos_embed resampled to " + grid + "x" + grid,
                            PosEmbedResampler.resample(pos, 1, dim, grid),
                            f.tensor("resample.grid" + grid).toFloatArray());
                }
            }
        }
    }

    /**
     * The key bias adds the same q·b_k to every score of a query, which softmax ignores: its gradient is zero in
     * exact arithmetic and float rounding noise in practice (PyTorch's noise and ours differ), and Adam divides
     * that noise by its own magnitude, so both implementations step it by up to lr in an arbitrary direction.
     * What must hold is that the gradient is noise in both, and that the step stays within Adam's bound; the
     * query and value biases are then compared like every other tensor (the key part is blanked on both sides).
     */
    private static void assertKeyBiasStep(String name, float[] after, float[] expected, float[] before,
                                          ParityFixture f, double lr, int dim) {
        float[] grad = f.tensor("grad." + name).toFloatArray();
        double maxGrad = 0;
        for (float g : grad) {
            maxGrad = Math.max(maxGrad, Math.abs(g));
        }
        double decayed = 1 - lr * f.meta.get("weight_decay").asDouble();
        for (int i = dim; i < 2 * dim; i++) {
            assertTrue(Math.abs(grad[i]) < 1e-6 * maxGrad, name + "[" + i + "] key-bias gradient is not noise");
            double step = after[i] - decayed * before[i];
            assertTrue(Math.abs(step) <= lr * 1.001, name + "[" + i + "] stepped " + step + ", more than lr");
            after[i] = before[i];
            expected[i] = before[i];
        }
    }

    static void assertClose(String what, float[] actual, float[] expected) {
        double err = ParityFixture.relativeError(actual, expected);
        assertTrue(err <= TOLERANCE, what + ": relative error " + err + " > " + TOLERANCE
                + ", worst at " + ParityFixture.worst(actual, expected));
    }

    private static ImageSplit split(NDArray images, NDArray labels, int size) {
        long[] y = labels.toLongArray();
        float[] all = images.toFloatArray();
        int len = 3 * size * size;
        List<ManifestSample> samples = new ArrayList<>();
        float[][] data = new float[y.length][];
        for (int i = 0; i < y.length; i++) {
            samples.add(new ManifestSample("parity-" + i, "x.png", (int) y[i], "train", Map.of()));
            data[i] = java.util.Arrays.copyOfRange(all, i * len, (i + 1) * len);
        }
        return new ImageSplit("train", samples, data, size);
    }
}
