package io.fairtune.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Clips the global L2 norm of the gradients as {@code torch.nn.utils.clip_grad_norm_} does (what timm's
 * {@code --clip-grad} and most fine-tuning recipes use against exploding updates): the total norm is the norm of
 * the per-tensor norms, and when it exceeds {@code maxNorm} every gradient is scaled in place by
 * {@code maxNorm / (total + 1e-6)}. DJL's own {@code clipGrad} clamps each element from above only, which no
 * PyTorch recipe does, so the optimizers here never use it.
 */
public final class GradientClipping {

    /** PyTorch's guard against a zero norm in {@code clip_grad_norm_}. */
    static final double EPS = 1e-6;

    private GradientClipping() {
    }

    /**
     * Clips the gradients of the parameters that train; returns the total norm before clipping. The gradient
     * handles and norms live in {@code scratch}, which the caller closes after the step.
     */
    public static double clipTrainable(Collection<Parameter> parameters, double maxNorm, NDManager scratch) {
        List<NDArray> grads = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.requiresGradient() && p.getArray().hasGradient()) {
                NDArray g = p.getArray().getGradient();
                g.attach(scratch);
                grads.add(g);
            }
        }
        return clip(grads, maxNorm);
    }

    /** Scales {@code grads} in place so that their global L2 norm is at most {@code maxNorm}; returns the norm before. */
    public static double clip(List<NDArray> grads, double maxNorm) {
        double sumOfSquares = 0;
        for (NDArray g : grads) {
            double n = g.norm().toType(DataType.FLOAT64, false).getDouble();
            sumOfSquares += n * n;
        }
        double total = Math.sqrt(sumOfSquares);
        double coefficient = maxNorm / (total + EPS);
        // a non-finite norm is left for the non-finite check on the loss and scores to report where it began
        if (coefficient < 1 && Double.isFinite(total)) {
            for (NDArray g : grads) {
                g.muli((float) coefficient);
            }
        }
        return total;
    }
}
