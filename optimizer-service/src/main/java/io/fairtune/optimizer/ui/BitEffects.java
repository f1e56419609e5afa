package io.fairtune.optimizer.ui;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.domain.TrialState;
import io.fairtune.optimizer.domain.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much each mask bit moves the objective: mean objective of the trials with the bit on minus the mean of the
 * trials with it off, with a 95 % Welch interval. Observational (the sampler chooses which masks are tried, so
 * bits are correlated), hence an estimate to guide, not a causal effect.
 *
 * @param objective the objective id the effects are of, in its natural direction
 * @param trials    completed search trials with that objective defined
 */
public record BitEffects(String objective, String direction, int trials, List<Effect> bits) {

    /** ciLow/ciHigh are null with fewer than two trials on either side (no variance to estimate). */
    public record Effect(int bit, String name, int on, int off, Double meanOn, Double meanOff, Double effect,
                         Double ciLow, Double ciHigh) {
    }

    /** Effects on objective {@code index} of the spec over the completed search trials among {@code trials}. */
    static BitEffects of(StudySpec spec, List<Trial> trials, int index) {
        Objective o = spec.objectiveList().get(index);
        List<String> masks = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Trial t : trials) {
            if (t.phase != TrialPhase.SEARCH || t.state != TrialState.COMPLETE) {
                continue;
            }
            List<Double> v = t.objectives();
            if (v != null && index < v.size() && v.get(index) != null && !v.get(index).isNaN()) {
                masks.add(t.mask);
                values.add(v.get(index));
            }
        }
        return estimate(o.id(), o.direction().name().toLowerCase(Locale.ROOT), BitNames.of(spec), masks, values);
    }

    static BitEffects estimate(String objective, String direction, List<String> names, List<String> masks,
                               List<Double> values) {
        List<Effect> effects = new ArrayList<>(names.size());
        for (int bit = 0; bit < names.size(); bit++) {
            Moments on = new Moments();
            Moments off = new Moments();
            for (int i = 0; i < masks.size(); i++) {
                String mask = masks.get(i);
                (bit < mask.length() && mask.charAt(bit) == '1' ? on : off).add(values.get(i));
            }
            effects.add(effect(bit, names.get(bit), on, off));
        }
        return new BitEffects(objective, direction, masks.size(), effects);
    }

    private static Effect effect(int bit, String name, Moments on, Moments off) {
        if (on.n == 0 || off.n == 0) {
            return new Effect(bit, name, on.n, off.n, on.meanOrNull(), off.meanOrNull(), null, null, null);
        }
        double diff = on.mean - off.mean;
        if (on.n < 2 || off.n < 2) {
            return new Effect(bit, name, on.n, off.n, on.mean, off.mean, diff, null, null);
        }
        double a = on.variance() / on.n;
        double b = off.variance() / off.n;
        double se = Math.sqrt(a + b);
        if (se == 0) {
            return new Effect(bit, name, on.n, off.n, on.mean, off.mean, diff, diff, diff);
        }
        // Welch–Satterthwaite degrees of freedom
        double df = (a + b) * (a + b) / (a * a / (on.n - 1) + b * b / (off.n - 1));
        double half = StudentT.quantile975(df) * se;
        return new Effect(bit, name, on.n, off.n, on.mean, off.mean, diff, diff - half, diff + half);
    }

    /** Welford's running mean and variance: one pass, stable. */
    private static final class Moments {
        int n;
        double mean;
        double m2;

        void add(double x) {
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }

        double variance() {
            return m2 / (n - 1);
        }

        Double meanOrNull() {
            return n == 0 ? null : mean;
        }
    }
}
