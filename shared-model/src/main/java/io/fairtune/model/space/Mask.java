package io.fairtune.model.space;

import java.util.BitSet;
import java.util.Objects;

/** An immutable bit vector over a search space: bit i set = unfreeze what bit i names. */
public final class Mask {

    private final String bits;

    private Mask(String bits) {
        this.bits = bits;
    }

    public static Mask of(String bits) {
        Objects.requireNonNull(bits, "bits");
        if (bits.isEmpty()) {
            throw new IllegalArgumentException("a mask needs at least one bit");
        }
        for (int i = 0; i < bits.length(); i++) {
            char c = bits.charAt(i);
            if (c != '0' && c != '1') {
                throw new IllegalArgumentException("mask must contain only 0 and 1, found '" + c + "' at " + i);
            }
        }
        return new Mask(bits);
    }

    public static Mask of(boolean[] bits) {
        StringBuilder sb = new StringBuilder(bits.length);
        for (boolean b : bits) {
            sb.append(b ? '1' : '0');
        }
        return of(sb.toString());
    }

    public static Mask ones(int size) {
        return new Mask("1".repeat(size));
    }

    public static Mask zeros(int size) {
        return new Mask("0".repeat(size));
    }

    public int size() {
        return bits.length();
    }

    public boolean get(int i) {
        return bits.charAt(i) == '1';
    }

    public int cardinality() {
        int n = 0;
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                n++;
            }
        }
        return n;
    }

    public boolean[] toBooleans() {
        boolean[] out = new boolean[bits.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    public BitSet toBitSet() {
        BitSet set = new BitSet(bits.length());
        for (int i = 0; i < bits.length(); i++) {
            set.set(i, get(i));
        }
        return set;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    /** The bit string, e.g. "010011"; the form masks travel and are stored in. */
    @Override
    public String toString() {
        return bits;
    }
}
