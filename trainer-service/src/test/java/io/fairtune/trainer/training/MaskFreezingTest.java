package io.fairtune.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.FixedMask;
import io.fairtune.model.space.Mask;
import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.space.SearchSpace;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.model.study.VitConfig;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.model.BackboneLoader;
import io.fairtune.trainer.model.LoadedBackbone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** After a few optimizer steps, exactly the parameters the mask freezes are bit-identical. */
class MaskFreezingTest {

    static final VitConfig SMALL = new VitConfig(16, 4, 32, 3, 2, 2, 2);
    static final ImageSplit TRAIN = TestData.split("train", 16, 16, 1);

    static Stream<Arguments> masks() {
        List<Arguments> out = new ArrayList<>();
        Random rng = new Random(42);
        for (SearchSpace space : SearchSpace.values()) {
            int bits = space.bits(SMALL.depth());
            boolean[] b = new boolean[bits];
            for (int i = 0; i < bits; i++) {
                b[i] = rng.nextBoolean();
            }
            b[0] = false; // keep something frozen in the lowest block, so the test can see freezing
            b[bits - 1] = true; // and something trainable besides the head
            out.add(Arguments.of(space.id(), Mask.of(b).toString()));
        }
        for (FixedMask fixed : FixedMask.values()) {
            out.add(Arguments.of("components4", fixed.wireForm()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("masks")
    void frozenParametersAreBitIdenticalAndTrainableOnesMove(String space, String mask) {
        ParameterSelection selection = ParameterSelection.parse(space, mask, BackboneLayout.vit(SMALL.depth()));
        try (LoadedBackbone backbone = BackboneLoader.freshVit(SMALL, 7, Device.cpu())) {
            assertEquals(BackboneLayout.vitParameterNames(SMALL.depth()),
                    new ArrayList<>(backbone.namedParameters().keySet()));
            Map<String, float[]> before = snapshot(backbone);
            InnerLoopSpec loop = new InnerLoopSpec(1, 8, "adamw", "constant", 0, 0.05, 1e-5, 1e-2, true, true);
            FineTuneResult result = FineTuner.run(backbone, TRAIN, null, TRAIN,
                    new FineTuneSettings(loop, 1e-2, 3, selection, true, 1L << 30, 64), FineTuneListener.NONE,
                    () -> false);
            assertEquals(TRAIN.count(), result.scores().length);
            int frozen = 0;
            int trained = 0;
            for (Map.Entry<String, Parameter> e : backbone.namedParameters().entrySet()) {
                String name = e.getKey();
                float[] after = e.getValue().getArray().toFloatArray();
                if (selection.isTrainable(name)) {
                    assertFalse(java.util.Arrays.equals(before.get(name), after), name + " should have trained");
                    trained++;
                } else {
                    assertArrayEquals(before.get(name), after, 0f, name + " is frozen but changed");
                    frozen++;
                }
            }
            assertTrue(selection.isTrainable("head.weight") && selection.isTrainable("head.bias"));
            assertTrue(trained >= 2);
            if (!mask.equals(FixedMask.FULL.wireForm())) {
                assertTrue(frozen > 0, "the mask should freeze something");
            }
        }
    }

    static Map<String, float[]> snapshot(LoadedBackbone backbone) {
        Map<String, float[]> out = new HashMap<>();
        backbone.namedParameters().forEach((k, v) -> out.put(k, v.getArray().toFloatArray()));
        return out;
    }
}
