package io.fairtune.optimizer.api;

import io.fairtune.model.space.FixedMask;
import io.fairtune.model.study.FieldError;
import io.fairtune.model.study.InvalidStudySpecException;
import io.fairtune.model.study.StudyAdmissionCheck;
import io.fairtune.model.study.StudyAdmissionCheck.Admitted;
import io.fairtune.model.study.StudySpec;
import io.fairtune.model.study.StudySpecCodec;
import io.fairtune.optimizer.config.OptimizerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Admits a study with this deployment's limits and data root (StudyAdmissionCheck, shared with the launcher), and
 * checks requests to enqueue a mask against a study's space.
 */
@ApplicationScoped
public class StudyAdmission {

    @Inject
    OptimizerSettings settings;

    public Admitted admit(String body) {
        return new StudyAdmissionCheck(settings.limits().studyLimits(), settings.dataRoot(),
                settings.limits().maxManifestBytes()).admit(StudySpecCodec.fromJson(body));
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
            int bits = StudyAdmissionCheck.maskBits(spec);
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
