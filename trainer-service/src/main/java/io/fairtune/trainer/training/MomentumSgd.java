package io.fairtune.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DJL's SGD with momentum, step for step: the same native kernel with the same arguments, so results are
 * bit-identical to {@code Optimizer.sgd()}. It exists because DJL's {@code Sgd} keeps its momentum buffers
 * private, and a run continued from a checkpoint needs them.
 */
public final class MomentumSgd extends ResumableOptimizer {

    private final ParameterTracker learningRate;
    private final float momentum;
    private final Map<String, Map<Device, NDArray>> momentumStates = new ConcurrentHashMap<>();

    private MomentumSgd(Builder builder) {
        super(builder);
        this.learningRate = builder.learningRate;
        this.momentum = builder.momentum;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float weightDecay = getWeightDecay();
        float lr = learningRate.getNewValue(parameterId, updateCount(parameterId));
        NDList inputs = momentum != 0
                ? new NDList(weight, grad, withDefaultState(momentumStates, parameterId, weight.getDevice(),
                        k -> weight.zerosLike()))
                : new NDList(weight, grad);
        weight.getNDArrayInternal().sgdUpdate(inputs, new NDList(weight), lr, weightDecay, rescaleGrad, clipGrad,
                momentum, true);
    }

    @Override
    protected Map<String, Map<String, Map<Device, NDArray>>> buffers() {
        return Map.of("sgd.momentum", momentumStates);
    }

    /** Defaults are DJL's {@code Sgd}'s: no momentum. */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private ParameterTracker learningRate = (id, t) -> 1e-2f;
        private float momentum;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder optLearningRateTracker(ParameterTracker tracker) {
            this.learningRate = tracker;
            return this;
        }

        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        public MomentumSgd build() {
            return new MomentumSgd(this);
        }
    }
}
