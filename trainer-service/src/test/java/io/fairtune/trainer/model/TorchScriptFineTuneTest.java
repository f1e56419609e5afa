package io.fairtune.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import io.fairtune.model.space.BackboneLayout;
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
        try (LoadedBackbone backbone = BackboneLoader.torchScript(RESNET, 32, Device.cpu())) {
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
                    // the head's rows 2..9 (unused CIFAR classes) get no gradient; the tensor as a whole moves
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
}
