package io.fairtune.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.fairtune.trainer.model.SafetensorsWriter.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reads a run's {@link TrainingState} out of its trainable parameters and optimizer, and writes one back. Frozen
 * parameters are not saved: the backbone checkpoint and the seeded head reload them identically.
 */
final class TrainingSnapshots {

    private final Map<String, Parameter> named;
    private final List<String> trainable;
    private final ResumableOptimizer optimizer;

    TrainingSnapshots(Map<String, Parameter> named, List<String> trainable, ResumableOptimizer optimizer) {
        this.named = named;
        this.trainable = trainable;
        this.optimizer = optimizer;
    }

    TrainingState take(int epoch, int step, int globalStep, double epochLossSum, int epochSeen,
                       List<Double> epochLosses, Random random) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (String name : trainable) {
            Parameter p = named.get(name);
            names.put(p.getId(), name);
            NDArray value = p.getArray();
            tensors.put(TrainingState.PARAMETER + name, new Tensor(value.getShape().getShape(), value.toFloatArray()));
        }
        tensors.putAll(optimizer.exportBuffers(names));
        return new TrainingState(epoch, step, globalStep, epochLossSum, epochSeen, List.copyOf(epochLosses),
                random == null ? null : serialise(random), tensors, optimizer.exportUpdateCounts(names));
    }

    /**
     * Puts the saved parameters and optimizer state into this run. Everything is checked before anything is
     * written, so a state that does not fit leaves the run as it was (the caller then starts from the beginning).
     *
     * @throws IllegalArgumentException when the state does not fit this backbone, mask, optimizer or loop
     */
    void restore(TrainingState state, int epochs, int stepsPerEpoch) {
        check(state, epochs, stepsPerEpoch);
        Map<String, NDArray> weights = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        for (String name : trainable) {
            Parameter p = named.get(name);
            weights.put(name, p.getArray());
            ids.put(name, p.getId());
            p.getArray().set(state.tensors().get(TrainingState.PARAMETER + name).values());
        }
        optimizer.restore(weights, state.updateCounts(), state.tensors(), ids);
    }

    private void check(TrainingState state, int epochs, int stepsPerEpoch) {
        if (state.epoch() < 1 || state.epoch() > epochs + 1 || state.step() < 0 || state.step() >= stepsPerEpoch
                || (state.step() > 0 && state.epoch() > epochs) || state.epochLosses().size() != state.epoch() - 1) {
            throw new IllegalArgumentException("its position (epoch " + state.epoch() + ", step " + state.step()
                    + ", " + state.epochLosses().size() + " epoch losses) does not fit " + epochs + " epochs of "
                    + stepsPerEpoch + " steps");
        }
        if (state.step() > 0) {
            random(state.random());
        }
        for (String name : trainable) {
            if (!fits(state.tensors().get(TrainingState.PARAMETER + name), name)) {
                throw new IllegalArgumentException("it has no tensor of the right shape for trainable parameter "
                        + name);
            }
        }
        for (Map.Entry<String, Tensor> e : state.tensors().entrySet()) {
            String key = e.getKey();
            int slash = key.indexOf('/');
            String kind = slash < 0 ? "" : key.substring(0, slash + 1);
            String name = slash < 0 ? key : key.substring(slash + 1);
            boolean known = kind.equals(TrainingState.PARAMETER)
                    || optimizer.buffers().containsKey(kind.isEmpty() ? "" : kind.substring(0, kind.length() - 1));
            if (!known || !trainable.contains(name) || !fits(e.getValue(), name)) {
                throw new IllegalArgumentException("its tensor " + key + " fits nothing this run trains");
            }
        }
        for (String name : state.updateCounts().keySet()) {
            if (!trainable.contains(name)) {
                throw new IllegalArgumentException("its optimizer counts updates of " + name
                        + ", which this run does not train");
            }
        }
    }

    private boolean fits(Tensor t, String name) {
        return t != null && Arrays.equals(t.shape(), named.get(name).getArray().getShape().getShape())
                && t.values().length == named.get(name).getArray().getShape().size();
    }

    static byte[] serialise(Random random) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(random);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The generator {@link #serialise} saved; only a {@code java.util.Random} is accepted. */
    static Random random(byte[] saved) {
        if (saved == null) {
            throw new IllegalArgumentException("a checkpoint taken within an epoch has no random generator state");
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(saved))) {
            in.setObjectInputFilter(info -> info.serialClass() == null || info.serialClass() == Random.class
                    || Number.class.isAssignableFrom(info.serialClass())
                    || info.serialClass() == java.util.concurrent.atomic.AtomicLong.class
                    ? java.io.ObjectInputFilter.Status.ALLOWED : java.io.ObjectInputFilter.Status.REJECTED);
            return (Random) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("the checkpoint's random generator state does not read back: " + e);
        }
    }
}
