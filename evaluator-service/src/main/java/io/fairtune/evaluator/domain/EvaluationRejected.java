package io.fairtune.evaluator.domain;

/**
 * The predictions cannot be scored (bad sample ids or scores, a manifest that is not the one the trainer used,
 * an unsupported evaluation spec). The trial is failed with this reason; another attempt would fail the same way.
 */
public class EvaluationRejected extends RuntimeException {

    public EvaluationRejected(String reason) {
        super(reason);
    }

    public EvaluationRejected(String reason, Throwable cause) {
        super(reason, cause);
    }
}
