package io.fraudstream.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The families of models fraudstream trains and scores. Its {@link #id()} is what the model topic, the learner's
 * state and {@code learner.family} carry, so the names are a public contract and never change.
 */
public enum ModelFamily {
    /** Online logistic regression: a weight per standardised feature (see {@link ModelSnapshot}). */
    LOGISTIC("logistic"),
    /** Gradient-boosted trees fitted to each retraining batch. */
    TREES("trees"),
    /**
     * EasyEnsemble of gradient-boosted trees: several ensembles, each fitted to every fraud of the batch and its own
     * slice of the legitimate examples, averaged in log-odds (one tree ensemble, scored as {@link #TREES} is).
     */
    BALANCED_TREES("balanced-trees");

    private final String id;

    ModelFamily(final String id) {
        this.id = id;
    }

    /** Whether its snapshots score with a tree ensemble ({@link ModelSnapshot#trees()}). */
    public boolean trees() {
        return this != LOGISTIC;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /**
     * The family called {@code id}, or null when none is: a model record may name anything, and {@link ModelCheck}
     * refuses a snapshot without a family as {@code family.unknown}.
     */
    @JsonCreator
    public static ModelFamily named(final String id) {
        for (ModelFamily f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        return null;
    }

    /** Every id, comma-separated, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(ModelFamily::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
