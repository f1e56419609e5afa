package io.fairtune.model.data;

import java.util.Set;

/** The split names of a manifest: a search trial is scored on {@link #VAL}, a final trial on {@link #TEST}. */
public final class Splits {

    public static final String TRAIN = "train";
    public static final String VAL = "val";
    public static final String TEST = "test";

    public static final Set<String> ALL = Set.of(TRAIN, VAL, TEST);

    private Splits() {
    }
}
