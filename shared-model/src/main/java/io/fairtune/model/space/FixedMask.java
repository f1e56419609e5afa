package io.fairtune.model.space;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Baselines that are not bit vectors of a space. They travel as {@code "baseline:<id>"}. */
public enum FixedMask {
    /** Everything trains. */
    FULL("full"),
    /** Only the head trains: linear probing. */
    LINEAR_READOUT("linear-readout"),
    /** BitFit-like: every bias plus the head. */
    BITFIT("bitfit"),
    /** Every bit of the study's space set. */
    ALL_ONES("all-ones");

    public static final String PREFIX = "baseline:";

    private final String id;

    FixedMask(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public String wireForm() {
        return PREFIX + id;
    }

    public static Optional<FixedMask> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static String allIds() {
        return Arrays.stream(values()).map(FixedMask::id).collect(Collectors.joining(", "));
    }
}
