package io.fairtune.optimizer.api;

import io.fairtune.model.data.ConfinedPaths;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.data.InvalidManifestException;
import io.fairtune.model.space.FixedMask;
import io.fairtune.model.space.SearchSpace;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.FieldError;
import io.fairtune.model.study.InvalidStudySpecException;
import io.fairtune.model.study.StudyLimits;
import io.fairtune.model.study.StudySpec;
import io.fairtune.model.study.StudySpecCodec;
import io.fairtune.model.study.StudySpecValidator;
import io.fairtune.optimizer.config.OptimizerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a study must pass before anything is stored: the spec's own rules (limits from configuration),
 * the manifest under the data root (confined, readable, with the named attribute columns), and a budget the
 * space can hold without repeating a mask. All problems are reported at once.
 */
@ApplicationScoped
public class StudyAdmission {

    /** A spec that passed, with the manifest identity every trial will carry. */
    public record Admitted(StudySpec spec, DatasetRef dataset) {
    }

    @Inject
    OptimizerSettings settings;

    public Admitted admit(String body) {
        StudySpec spec = StudySpecCodec.fromJson(body).withDefaults();
        List<FieldError> errors = new ArrayList<>(new StudySpecValidator(settings.limits().studyLimits()).validate(spec));
        DatasetRef dataset = checkManifest(spec, errors);
        checkBudgetFitsSpace(spec, errors);
        if (!errors.isEmpty()) {
            throw new InvalidStudySpecException(errors);
        }
        return new Admitted(spec, dataset);
    }

    private DatasetRef checkManifest(StudySpec spec, List<FieldError> errors) {
        if (spec.dataset() == null || spec.dataset().isBlank()) {
            return null;
        }
        Path path;
        try {
            path = ConfinedPaths.resolve(settings.dataRoot(), spec.dataset(), "dataset");
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("dataset", e.getMessage().replaceFirst("^dataset: ", "")));
            return null;
        }
        if (!Files.isRegularFile(path)) {
            errors.add(new FieldError("dataset", "no manifest file '" + spec.dataset() + "' under the data root"));
            return null;
        }
        DatasetManifest manifest;
        try {
            manifest = DatasetManifest.load(path, settings.limits().maxManifestBytes());
        } catch (InvalidManifestException e) {
            errors.add(new FieldError("dataset", e.getMessage()));
            return null;
        }
        if (spec.sensitiveAttribute() != null && !spec.sensitiveAttribute().isBlank()
                && !manifest.hasAttribute(spec.sensitiveAttribute())) {
            errors.add(new FieldError("sensitiveAttribute", "'" + spec.sensitiveAttribute()
                    + "' is not a column of the manifest (attributes: " + manifest.attributes() + ")"));
        }
        for (int i = 0; i < spec.reportAttributes().size(); i++) {
            String a = spec.reportAttributes().get(i);
            if (!manifest.hasAttribute(a)) {
                errors.add(new FieldError("reportAttributes[" + i + "]", "'" + a
                        + "' is not a column of the manifest (attributes: " + manifest.attributes() + ")"));
            }
        }
        return new DatasetRef(spec.dataset(), manifest.sha256());
    }

    /** A study never repeats a mask, so its budget must fit in the 2^bits masks of its space. */
    private static void checkBudgetFitsSpace(StudySpec spec, List<FieldError> errors) {
        int bits = maskBits(spec);
        if (bits > 0 && bits < 31 && spec.trialBudget() != null && spec.trialBudget() > (1 << bits)) {
            errors.add(new FieldError("trialBudget", "the space has only " + (1 << bits)
                    + " distinct masks and a study never repeats one"));
        }
    }

    static int maskBits(StudySpec spec) {
        if (spec.backbone() == null || spec.searchSpace() == null) {
            return -1;
        }
        return SearchSpace.byId(spec.searchSpace()).map(s -> s.bits(spec.backbone().numBlocks())).orElse(-1);
    }

    /** Checks an enqueue request against the study's space; returns the learning rate to use. */
    public double checkEnqueue(StudySpec spec, EnqueueRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null || request.mask() == null || request.mask().isBlank()) {
            errors.add(new FieldError("mask", "is required: a bit string or baseline:<" + FixedMask.allIds() + ">"));
        } else if (request.mask().startsWith(FixedMask.PREFIX)) {
            String id = request.mask().substring(FixedMask.PREFIX.length());
            if (FixedMask.byId(id).isEmpty()) {
                errors.add(new FieldError("mask", "unknown baseline '" + id + "' (one of " + FixedMask.allIds() + ")"));
            }
        } else {
            int bits = maskBits(spec);
            if (!request.mask().matches("[01]+")) {
                errors.add(new FieldError("mask", "must contain only 0 and 1, or be baseline:<id>"));
            } else if (request.mask().length() != bits) {
                errors.add(new FieldError("mask", "has " + request.mask().length() + " bits; the space '"
                        + spec.searchSpace() + "' has " + bits));
            }
        }
        double lr = Math.sqrt(spec.innerLoop().lrMin() * spec.innerLoop().lrMax());
        if (request != null && request.learningRate() != null) {
            lr = request.learningRate();
            if (!(lr > 0 && lr <= 1)) {
                errors.add(new FieldError("learningRate", "must be in (0, 1]"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidStudySpecException(errors);
        }
        return lr;
    }
}
