package io.fairtune.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars for arithmetic that autograd records. Never write {@code x.mul(0.5f)} on a tensor that needs a
 * gradient: DJL's PyTorch engine turns the number into a tensor over a Java direct buffer
 * ({@code torch::from_blob}) and closes it right after the operation, while autograd keeps that tensor to
 * compute the backward pass. Once the garbage collector frees the buffer, backward reads whatever the memory
 * holds by then: gradients become NaN or silently wrong, depending on when a GC happened between forward and
 * backward. A tensor made by {@code full} owns native memory that autograd keeps alive by reference count.
 */
public final class GraphScalars {

    private GraphScalars() {
    }

    /** A 0-d tensor holding {@code value}, with {@code like}'s manager, device and dtype, in native memory. */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
