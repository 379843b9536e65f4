package io.fraudstream.learn;

import io.fraudstream.model.Model;
import io.fraudstream.sample.Example;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The champion's scores on the held-out examples, kept from round to round: a round compares its challenger with
 * the champion on the mature holdout, which changes by a share of its examples between rounds while the champion
 * often stays; and a promoted challenger's scores on the holdout it was judged on are the new champion's (its
 * thresholds change, its scorer does not). So only examples new to the holdout, or a champion adopted from
 * elsewhere, are scored again. Scores are a pure function of model and example: a kept score is the score.
 *
 * <p>Kept by example identity, for one model at a time, and only for the examples last judged: memory stays one
 * holdout's worth. Rounds run one at a time; the lock only orders a round thread with the one that completes it.
 */
final class ChampionScores {
    private Model model;
    private Map<Example, Double> scores = new IdentityHashMap<>();

    /** {@code model}'s scores on the judged examples, in their order. */
    synchronized double[] of(final Model champion, final Holdout.Judged judged) {
        if (champion != model) {
            model = champion;
            scores = new IdentityHashMap<>();
        }
        final Example[] examples = judged.examples();
        final double[] s = new double[examples.length];
        final int[] missing = new int[examples.length];
        int m = 0;
        for (int i = 0; i < examples.length; i++) {
            final Double kept = scores.get(examples[i]);
            if (kept == null) {
                missing[m++] = i;
            } else {
                s[i] = kept;
            }
        }
        final Example[] unscored = new Example[m];
        for (int k = 0; k < m; k++) {
            unscored[k] = examples[missing[k]];
        }
        final double[] computed = new Holdout.Judged(unscored).scores(champion);
        for (int k = 0; k < m; k++) {
            s[missing[k]] = computed[k];
        }
        remember(champion, examples, s);
        return s;
    }

    /** Keeps {@code scores[i]} as {@code model}'s score of {@code examples[i]}, and nothing else. */
    synchronized void remember(final Model champion, final Example[] examples, final double[] s) {
        model = champion;
        scores = new IdentityHashMap<>(examples.length * 2);
        for (int i = 0; i < examples.length; i++) {
            scores.put(examples[i], s[i]);
        }
    }
}
