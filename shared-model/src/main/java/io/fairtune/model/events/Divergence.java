package io.fairtune.model.events;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a trial diverged: a value that became NaN or infinite and recurred at the same step when the attempt was
 * replayed with the same seed. The trainer reports it as the reason of a non-retryable {@link TrialFailed}; this
 * class writes that reason and reads it back, so the optimizer can show epoch, step and lr as fields without a
 * second wire format.
 *
 * @param quantity     what was not finite: {@code training loss} or {@code predicted scores}
 * @param value        {@code NaN}, {@code +Infinity} or {@code -Infinity}
 * @param epoch        1-based epoch
 * @param step         1-based step within the epoch (for scores, the epoch's last step)
 * @param learningRate the learning rate scheduled for that step
 */
public record Divergence(String quantity, String value, int epoch, int step, double learningRate) {

    public static final String PREFIX = "diverged: ";
    private static final Pattern REASON = Pattern.compile(
            Pattern.quote(PREFIX) + "([a-z ]+) became (NaN|[+-]Infinity) at epoch (\\d+), step (\\d+) \\(lr ([^)]+)\\)");

    /** How a non-finite double is named in a reason. */
    public static String valueName(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";
    }

    /** Where the value appeared, without the verdict: "training loss became NaN at epoch 2, step 5 (lr 1.000e-03)". */
    public String site() {
        return String.format(Locale.ROOT, "%s became %s at epoch %d, step %d (lr %.3e)", quantity, value, epoch, step,
                learningRate);
    }

    /** The reason a trainer puts on the TrialFailed. */
    public String reason() {
        return PREFIX + site() + "; it recurs at the same step with the same seed";
    }

    /**
     * The divergence a failure reason describes, also inside the optimizer's accumulated reasons ("attempt 1 lease
     * expired; diverged: ..."); the last one when there are several; empty for every other failure.
     */
    public static Optional<Divergence> parse(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        Matcher m = REASON.matcher(reason);
        Divergence last = null;
        while (m.find()) {
            try {
                last = new Divergence(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Double.parseDouble(m.group(5)));
            } catch (NumberFormatException e) {
                // not a reason this class wrote; keep looking
            }
        }
        return Optional.ofNullable(last);
    }
}
