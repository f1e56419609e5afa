package io.fairtune.trainer.training;

import ai.djl.nn.Parameter;
import io.fairtune.model.space.ParameterSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Freezes every parameter the selection does not train. Must run after {@code Model.newTrainer} and
 * {@code Trainer.initialize}: initialising a loaded TorchScript block marks all its parameters trainable again.
 */
public final class MaskApplier {

    /** What was applied, for logs and for the frozen-prefix decision. */
    public record Applied(List<String> trainable, List<String> frozen, long trainableScalars, long totalScalars) {
    }

    private MaskApplier() {
    }

    public static Applied apply(Map<String, Parameter> named, ParameterSelection selection) {
        List<String> trainable = new ArrayList<>();
        List<String> frozen = new ArrayList<>();
        long trainableScalars = 0;
        long total = 0;
        for (Map.Entry<String, Parameter> e : named.entrySet()) {
            boolean train = selection.isTrainable(e.getKey());
            e.getValue().freeze(!train);
            long size = e.getValue().getArray().getShape().size();
            total += size;
            if (train) {
                trainable.add(e.getKey());
                trainableScalars += size;
            } else {
                frozen.add(e.getKey());
            }
        }
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("the mask trains no parameter of this backbone (no head found)");
        }
        return new Applied(trainable, frozen, trainableScalars, total);
    }
}
