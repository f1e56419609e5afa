package io.fairtune.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.nn.Parameter;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.FixedMask;
import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.training.FineTuneListener;
import io.fairtune.trainer.training.FineTuneResult;
import io.fairtune.trainer.training.FineTuneSettings;
import io.fairtune.trainer.training.FineTuner;
import io.fairtune.trainer.training.TestData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CIFAR-10 ResNet-20 TorchScript module, fine-tuned through DJL with a "blocks" mask. */
class TorchScriptFineTuneTest {

    static final Path RESNET = Path.of(System.getProperty("fairtune.repo.root", ".."))
            .resolve("../shared/models/resnet20_cifar10_ts.pt");
    static final BackboneLayout EXPECTED = BackboneLayout.generic(List.of("layer1.0.", "layer1.1.", "layer1.2.",
            "layer2.0.", "layer2.1.", "layer2.2.", "layer3.0.", "layer3.1.", "layer3.2."), List.of("linear."));

    @Test
    void loadsResNet20WithItsBlocksAndFineTunesOnlyTheMaskedOnes() {
        try (LoadedBackbone backbone = BackboneLoader.torchScript(RESNET, 32, 1, Device.cpu())) {
            assertEquals(EXPECTED, backbone.layout());
            assertTrue(backbone.namedParameters().containsKey("layer3.2.conv2.weight"));
            assertTrue(backbone.namedParameters().containsKey("linear.weight"));
            // train the last two blocks of stage 3 and the head; everything else must not move
            ParameterSelection selection = ParameterSelection.parse("blocks", "000000011", backbone.layout());
            Map<String, float[]> before = new HashMap<>();
            backbone.namedParameters().forEach((k, v) -> before.put(k, v.getArray().toFloatArray()));
            ImageSplit train = TestData.split("train", 24, 32, 5);
            InnerLoopSpec loop = new InnerLoopSpec(1, 8, "sgd", "constant", 0, 0.0, 1e-5, 1e-2, true, true);
            FineTuneResult result = FineTuner.run(backbone, train, null, train,
                    new FineTuneSettings(loop, 1e-2, 1, selection, true, 1L << 30, 64), FineTuneListener.NONE,
                    () -> false);
            assertEquals(24, result.scores().length);
            assertEquals(7, result.gradientFloor());
            int frozen = 0;
            int trained = 0;
            for (Map.Entry<String, Parameter> e : backbone.namedParameters().entrySet()) {
                float[] after = e.getValue().getArray().toFloatArray();
                if (selection.isTrainable(e.getKey())) {
                    // the head's rows 2..9 (unused CIFAR classes) are never read; the tensor as a whole moves
                    assertFalse(java.util.Arrays.equals(before.get(e.getKey()), after), e.getKey() + " did not train");
                    trained++;
                } else {
                    assertArrayEquals(before.get(e.getKey()), after, 0f, e.getKey() + " is frozen but changed");
                    frozen++;
                }
            }
            assertTrue(frozen > 30 && trained >= 10, "frozen " + frozen + ", trained " + trained);
            for (double s : result.scores()) {
                assertTrue(s >= 0 && s <= 1);
            }
        }
    }

    @Test
    void theTwoClassHeadIsFreshAndSeededTheOtherRowsArePretrained() throws Exception {
        float[] pretrained = pristineParameters().get("linear.weight");
        try (LoadedBackbone a = BackboneLoader.torchScript(RESNET, 32, 1, Device.cpu());
             LoadedBackbone same = BackboneLoader.torchScript(RESNET, 32, 1, Device.cpu());
             LoadedBackbone other = BackboneLoader.torchScript(RESNET, 32, 2, Device.cpu())) {
            float[] head = a.namedParameters().get("linear.weight").getArray().toFloatArray();
            int fanIn = 64;
            assertEquals(10 * fanIn, head.length);
            for (int i = 0; i < 2 * fanIn; i++) {
                assertTrue(head[i] != pretrained[i], "row " + i / fanIn + " still pretrained");
                assertTrue(Math.abs(head[i]) <= 1 / Math.sqrt(fanIn), "nn.Linear's init bound");
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(pretrained, 2 * fanIn, head.length),
                    java.util.Arrays.copyOfRange(head, 2 * fanIn, head.length), 0f);
            assertArrayEquals(head, same.namedParameters().get("linear.weight").getArray().toFloatArray(), 0f);
            assertFalse(java.util.Arrays.equals(head,
                    other.namedParameters().get("linear.weight").getArray().toFloatArray()));
            assertFalse(java.util.Arrays.equals(pristineParameters().get("linear.bias"),
                    a.namedParameters().get("linear.bias").getArray().toFloatArray()));
        }
    }

    /**
     * A scripted network whose BatchNorm layers behave as in PyTorch (written by tools/torchscript_bn_fixture.py;
     * the traced ResNet-20 has training=False baked into every batch_norm call, so its statistics never move).
     */
    static final Path SCRIPTED_BN = resource("/torchscript/tiny_resnet_bn.pt");

    private static Path resource(String name) {
        try {
            return Path.of(TorchScriptFineTuneTest.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * BatchNorm running statistics are buffers that DJL does not expose, so they are observed through what
     * they change: the module in inference mode. After fine-tuning, a pristine copy of the pretrained module
     * given all the fine-tuned parameters must predict exactly like the fine-tuned one iff no running
     * statistic moved. With a partial mask none may move; with full fine-tuning they update as in PyTorch.
     */
    @Test
    void batchNormStatisticsOfFrozenBlocksDoNotMove() throws Exception {
        double partial = maxEvalDifferenceFromPristineStatistics("001");
        double full = maxEvalDifferenceFromPristineStatistics(FixedMask.FULL.wireForm());
        assertTrue(partial < 1e-5, "running statistics moved although the mask freezes blocks: " + partial);
        assertTrue(full > 1e-3, "full fine-tuning should update running statistics (PyTorch train mode): " + full);
    }

    private static double maxEvalDifferenceFromPristineStatistics(String mask) throws Exception {
        try (LoadedBackbone backbone = BackboneLoader.torchScript(SCRIPTED_BN, 32, 1, Device.cpu());
             Model pristine = Model.newInstance("pristine", Device.cpu(), "PyTorch");
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ParameterSelection selection = ParameterSelection.parse("blocks", mask, backbone.layout());
            ImageSplit train = TestData.split("train", 16, 32, 5);
            InnerLoopSpec loop = new InnerLoopSpec(1, 8, "adamw", "constant", 0, 0.0, 1e-5, 1e-2, false, true);
            FineTuner.run(backbone, train, null, train, new FineTuneSettings(loop, 1e-3, 1, selection, true,
                    1L << 30, 64), FineTuneListener.NONE, () -> false);

            pristine.load(SCRIPTED_BN, null, Map.of("trainParam", "true"));
            for (ai.djl.util.Pair<String, Parameter> p : pristine.getBlock().getParameters()) {
                p.getValue().getArray().set(backbone.namedParameters().get(p.getKey()).getArray().toFloatArray());
            }
            NDArray x = m.randomNormal(new Shape(16, 3, 32, 32));
            ParameterStore ps = new ParameterStore(m, false);
            float[] tuned = backbone.model().getBlock().forward(ps, new NDList(x), false).head().toFloatArray();
            float[] reference = pristine.getBlock().forward(ps, new NDList(x), false).head().toFloatArray();
            double max = 0;
            for (int i = 0; i < tuned.length; i++) {
                max = Math.max(max, Math.abs(tuned[i] - reference[i]));
            }
            return max;
        }
    }

    private static Map<String, float[]> pristineParameters() throws Exception {
        try (Model raw = Model.newInstance("raw", Device.cpu(), "PyTorch")) {
            raw.load(RESNET, null, Map.of("trainParam", "true"));
            Map<String, float[]> out = new HashMap<>();
            for (ai.djl.util.Pair<String, Parameter> p : raw.getBlock().getParameters()) {
                out.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
            return out;
        }
    }
}
