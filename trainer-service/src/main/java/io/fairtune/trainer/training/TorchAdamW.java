package io.fairtune.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AdamW exactly as {@code torch.optim.AdamW} computes it:
 * {@code w *= 1 - lr*wd; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g²; w -= lr/(1-b1^t) * m / (sqrt(v/(1-b2^t)) + eps)}.
 *
 * <p>DJL 0.35.1's {@code AdamW} differs where it matters early in training: its native kernel adds epsilon to
 * {@code sqrt(v)} before the bias correction, i.e. it uses an effective epsilon of {@code eps / sqrt(1-b2^t)}
 * (31.6x larger at the first step with b2 = 0.999). Parameters whose gradients are below ~1e-6 then move up to
 * 3x less than in PyTorch (found by {@code VitParityTest}). The same native kernel is used here, with epsilon
 * rescaled by {@code sqrt(1-b2^t)} each step, which makes the two formulas identical.
 *
 * <p>Gradient clipping is refused: DJL's kernel clamps only from above ({@code clamp_max}), which is not what
 * any PyTorch recipe does; timm clips the global gradient norm instead.
 */
public final class TorchAdamW extends ResumableOptimizer {

    private final ParameterTracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, Map<Device, NDArray>> means = new ConcurrentHashMap<>();
    private final Map<String, Map<Device, NDArray>> variances = new ConcurrentHashMap<>();

    private TorchAdamW(Builder builder) {
        super(builder);
        if (clipGrad >= 0) {
            throw new IllegalArgumentException("TorchAdamW does not clip gradients (DJL's kernel clips one-sidedly)");
        }
        this.learningRate = builder.learningRate;
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
    }

    @Override
    protected Map<String, Map<String, Map<Device, NDArray>>> buffers() {
        return Map.of("adamw.m", means, "adamw.v", variances);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        float lr = learningRate.getNewValue(parameterId, t);
        float weightDecay = getWeightDecay();
        if (!Float.isFinite(lr) || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException("learning rate " + lr + " or weight decay " + weightDecay
                    + " is not finite");
        }
        double correction1 = 1 - Math.pow(beta1, t);
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
        // kernel: w -= m * stepSize / (sqrt(v) + kernelEps); torch: w -= m * lr/c1 / (sqrt(v)/sqrt(c2) + eps)
        float stepSize = (float) (lr * sqrtCorrection2 / correction1);
        float kernelEpsilon = (float) (epsilon * sqrtCorrection2);
        NDList inputs = new NDList(weight, grad,
                withDefaultState(means, parameterId, weight.getDevice(), k -> weight.zerosLike()),
                withDefaultState(variances, parameterId, weight.getDevice(), k -> weight.zerosLike()));
        weight.getNDArrayInternal().adamUpdate(inputs, new NDList(weight), lr, stepSize, weightDecay, rescaleGrad,
                -1f, beta1, beta2, kernelEpsilon, true, true);
    }

    /** Defaults are torch.optim.AdamW's: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private ParameterTracker learningRate = (id, t) -> 1e-3f;
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {
            optWeightDecays(0.01f);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder optLearningRateTracker(ParameterTracker tracker) {
            this.learningRate = tracker;
            return this;
        }

        public Builder optBetas(float beta1, float beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public TorchAdamW build() {
            return new TorchAdamW(this);
        }
    }
}
