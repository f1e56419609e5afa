package io.fairtune.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import io.fairtune.trainer.model.SafetensorsWriter.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An optimizer whose whole state can be read and restored, so that a run continued from a checkpoint steps
 * exactly as an uninterrupted one. DJL's optimizers keep their update counts and moment buffers private, and
 * key them by parameter id, which is a fresh UUID in every JVM: the state is exported by parameter name.
 *
 * <p>The update count is DJL's ({@code Optimizer.updateCount}): the count of this parameter, raised to the
 * highest count any parameter reached; it drives the learning-rate schedule.
 */
public abstract class ResumableOptimizer extends Optimizer {

    private final Map<String, Integer> updateCounts = new ConcurrentHashMap<>();
    private int numUpdate;

    protected ResumableOptimizer(OptimizerBuilder<?> builder) {
        super(builder);
    }

    @Override
    protected int updateCount(String parameterId) {
        int count = updateCounts.merge(parameterId, 1, Integer::sum);
        numUpdate = Math.max(numUpdate, count);
        return numUpdate;
    }

    /** The per-parameter buffers, by a short name that prefixes their tensors ({@code adamw.m}, ...). */
    protected abstract Map<String, Map<String, Map<Device, NDArray>>> buffers();

    /** Buffers as tensors named {@code kind/parameter}, of the parameters {@code names} maps (id to name). */
    Map<String, Tensor> exportBuffers(Map<String, String> names) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        buffers().forEach((kind, byId) -> byId.forEach((id, perDevice) -> {
            String name = names.get(id);
            if (name != null) {
                for (NDArray array : perDevice.values()) {
                    out.put(kind + "/" + name, new Tensor(array.getShape().getShape(), array.toFloatArray()));
                }
            }
        }));
        return out;
    }

    /** Update counts by parameter name. */
    Map<String, Integer> exportUpdateCounts(Map<String, String> names) {
        Map<String, Integer> out = new LinkedHashMap<>();
        updateCounts.forEach((id, count) -> {
            if (names.containsKey(id)) {
                out.put(names.get(id), count);
            }
        });
        return out;
    }

    /**
     * Restores what {@link #exportBuffers} and {@link #exportUpdateCounts} saved, onto the parameters
     * {@code weights} (by name) of this run.
     */
    void restore(Map<String, NDArray> weights, Map<String, Integer> counts, Map<String, Tensor> tensors,
                 Map<String, String> idsByName) {
        counts.forEach((name, count) -> {
            String id = idsByName.get(name);
            if (id == null) {
                throw new IllegalArgumentException("the checkpoint's optimizer state names parameter " + name
                        + ", which this backbone does not train");
            }
            updateCounts.put(id, count);
            numUpdate = Math.max(numUpdate, count);
        });
        for (String kind : buffers().keySet()) {
            String prefix = kind + "/";
            tensors.forEach((key, t) -> {
                if (key.startsWith(prefix)) {
                    String name = key.substring(prefix.length());
                    NDArray weight = weights.get(name);
                    if (weight == null || !java.util.Arrays.equals(weight.getShape().getShape(), t.shape())) {
                        throw new IllegalArgumentException("the checkpoint's " + key + " fits no trainable parameter");
                    }
                    NDArray state = weight.getManager().create(t.values(), weight.getShape());
                    buffers().get(kind).computeIfAbsent(idsByName.get(name), k -> new ConcurrentHashMap<>())
                            .put(weight.getDevice(), state);
                }
            });
        }
    }
}
