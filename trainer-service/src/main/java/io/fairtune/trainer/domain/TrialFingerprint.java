package io.fairtune.trainer.domain;

import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.events.TrialProposed;
import java.nio.charset.StandardCharsets;

/**
 * SHA-256 of everything that decides a trial's result: a checkpoint is continued only by a run with the same
 * fingerprint, so that a resumed run ends exactly where an uninterrupted one would. The attempt number is not
 * part of it (a re-proposed attempt with the same configuration continues), nor is anything that does not
 * change the numbers (trainer id, batch size for prediction, caches). The spec records print every field, so
 * a field added to them later joins the fingerprint by itself.
 */
public final class TrialFingerprint {

    private TrialFingerprint() {
    }

    public static String of(TrialProposed p, TrainerSettings settings) {
        StringBuilder trainer = new StringBuilder()
                .append("maxTrainSamples=").append(settings.maxTrainSamples())
                .append("\nexecutor=").append(settings.executor());
        if (TrialExecutor.LOAD_GENERATOR.equals(settings.executor())) {
            // the simulated trial's length is drawn from these
            trainer.append("\nmeanTrial=").append(settings.loadGenerator().meanTrial())
                    .append("\nspread=").append(settings.loadGenerator().spread());
        }
        return of(p, trainer.toString());
    }

    /** {@code trainerSettings}: the trainer's settings that change results, as text. */
    public static String of(TrialProposed p, String trainerSettings) {
        StringBuilder text = new StringBuilder()
                .append("searchSpace=").append(p.searchSpace())
                .append("\nmask=").append(p.mask())
                .append("\nseed=").append(p.seed())
                .append("\nlearningRate=").append(p.learningRate())
                .append("\ninnerLoop=").append(p.innerLoop())
                .append("\nbackbone=").append(p.backbone())
                .append("\ndataset=").append(p.dataset())
                .append("\nevalSplit=").append(p.evalSplit())
                .append('\n').append(trainerSettings);
        return DatasetManifest.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
