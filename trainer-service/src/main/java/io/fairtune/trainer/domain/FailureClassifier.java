package io.fairtune.trainer.domain;

import ai.djl.engine.EngineException;
import io.fairtune.model.data.InvalidManifestException;
import io.fairtune.trainer.data.BadImageException;
import io.fairtune.trainer.model.InvalidCheckpointException;
import java.util.Locale;

/**
 * Whether another attempt of a failed trial can succeed: bad inputs and a reproducible divergence cannot;
 * exhausted resources, engine errors and faults that a replay does not reproduce can.
 */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static boolean retryable(Throwable t) {
        if (outOfMemory(t)) {
            return true;
        }
        if (t instanceof IllegalArgumentException || t instanceof InvalidManifestException
                || t instanceof BadImageException || t instanceof InvalidCheckpointException
                || t instanceof TrialDivergedException) {
            return false;
        }
        // unknown engine or runtime errors: let the optimizer's attempt budget decide
        return true;
    }

    static boolean outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
            if (c instanceof EngineException && c.getMessage() != null
                    && c.getMessage().toLowerCase(Locale.ROOT).contains("out of memory")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable t) {
        String kind = outOfMemory(t) ? "out of memory: " : "";
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return kind + msg;
    }
}
