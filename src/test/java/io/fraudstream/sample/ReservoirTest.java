package io.fraudstream.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.event.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ReservoirTest {
    private static final long DAY = 86_400_000L;

    @Tag("statistical")
    @Test
    void algorithmRKeepsEveryItemWithTheSameProbabilityByAChiSquareTest() {
        // 2 000 streams of 1 000 items through reservoirs of 100; inclusion counted in 20 bins of 50 items
        final int n = 1000;
        final int k = 100;
        final int trials = 2000;
        final int bins = 20;
        final long[] counts = new long[bins];
        for (int seed = 0; seed < trials; seed++) {
            final Reservoir r = new Reservoir(Reservoir.Kind.UNIFORM, k, seed, 0);
            for (int i = 0; i < n; i++) {
                r.offer(example(i, 0));
            }
            assertThat(r.size()).isEqualTo(k);
            for (Example e : r.examples()) {
                counts[(int) e.x().values()[0] / (n / bins)]++;
            }
        }
        final double expected = (double) trials * k / bins;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 19 degrees of freedom: the 0.999 quantile is 43.82
        assertThat(chi2).isLessThan(43.82);
    }

    @Test
    void aCopyGoesOnAsTheOriginalWouldAndNeitherSeesTheOthersOffers() {
        for (Reservoir.Kind kind : Reservoir.Kind.values()) {
            final Reservoir original = new Reservoir(kind, 50, 9, DAY, 0.5);
            for (int i = 0; i < 300; i++) {
                original.offer(example(i, i * 60_000L));
            }
            final Reservoir copy = original.copy();
            final List<Example> atCopy = copy.examples();
            final Reservoir twin = original.copy();
            for (int i = 300; i < 600; i++) {
                original.offer(example(i, i * 60_000L));
                twin.offer(example(i, i * 60_000L));
            }
            assertThat(copy.examples()).as(kind + ": the copy kept what it held").isEqualTo(atCopy);
            assertThat(copy.seen()).isEqualTo(300);
            assertThat(original.examples()).as(kind + ": the original moved on").isNotEqualTo(atCopy);
            assertThat(twin.examples()).as(kind + ": a copy offered the same goes the same way")
                    .isEqualTo(original.examples());
        }
    }

    @Test
    void timeBiasedKeepsNewerExamplesAsTheirWeightsSay() {
        // 1 000 examples three half-lives older than 1 000 others: weights 1 and 8; a small reservoir is
        // then close to a draw proportional to weight, 8/9 of it new
        double newShare = 0;
        final int trials = 200;
        for (int seed = 0; seed < trials; seed++) {
            final Reservoir r = new Reservoir(Reservoir.Kind.TIME_BIASED, 20, seed, DAY);
            for (int i = 0; i < 2000; i++) {
                r.offer(example(i, i < 1000 ? 0 : 3 * DAY));
            }
            newShare += r.examples().stream().filter(e -> e.time() > 0).count() / 20.0 / trials;
        }
        assertThat(newShare).isBetween(0.85, 0.93);
    }

    @Test
    void admissionThinsWhatATimeBiasedReservoirConsidersAndCountsEveryOffer() {
        final Reservoir r = new Reservoir(Reservoir.Kind.TIME_BIASED, 10_000, 3, DAY, 0.25);
        int kept = 0;
        for (int i = 0; i < 8000; i++) {
            kept += r.offer(example(i, i * 1000L)) >= 0 ? 1 : 0;
        }
        assertThat(kept).isBetween(1850, 2150).isEqualTo(r.size()); // 2 000 expected, sd 39
        assertThat(r.seen()).isEqualTo(8000);
        // a uniform reservoir ignores it: Algorithm R's guarantee needs every item
        final Reservoir uniform = new Reservoir(Reservoir.Kind.UNIFORM, 10_000, 3, 0, 0.25);
        for (int i = 0; i < 8000; i++) {
            uniform.offer(example(i, 0));
        }
        assertThat(uniform.size()).isEqualTo(8000);
    }

    @Test
    void anOfferMayNameItsOwnAdmissionSoThatExamplesWorthMoreAreKeptMoreOften() {
        final Reservoir r = new Reservoir(Reservoir.Kind.TIME_BIASED, 10_000, 3, DAY, 0.25);
        int plain = 0;
        int favoured = 0;
        for (int i = 0; i < 8000; i++) { // every tenth offered at admission 1: all 800 considered, and kept
            if (i % 10 == 0) {
                favoured += r.offer(example(i, i * 1000L), 1) >= 0 ? 1 : 0;
            } else {
                plain += r.offer(example(i, i * 1000L)) >= 0 ? 1 : 0;
            }
        }
        assertThat(favoured).isEqualTo(800);
        assertThat(plain).isBetween(1660, 1940); // 1 800 expected, sd 37
        assertThat(r.size()).isEqualTo(plain + favoured);
        assertThat(r.seen()).isEqualTo(8000);
    }

    @Test
    void aReservoirRestoredFromItsStoredSlotsContinuesExactlyAsTheOriginal() {
        for (Reservoir.Kind kind : Reservoir.Kind.values()) {
            final Reservoir original = new Reservoir(kind, 50, 7, DAY);
            final byte[][] stored = new byte[50][];
            for (int i = 0; i < 600; i++) {
                final int slot = original.offer(example(i, i * 60_000L));
                if (slot >= 0) {
                    stored[slot] = original.encoded(slot);
                }
            }
            final Reservoir restored = new Reservoir(kind, 50, 7, DAY);
            for (int slot = 49; slot >= 0; slot--) { // any order
                restored.restore(slot, stored[slot]);
            }
            restored.restored(original.seen());
            for (int i = 600; i < 2000; i++) {
                assertThat(restored.offer(example(i, i * 60_000L))).isEqualTo(original.offer(example(i, i * 60_000L)));
            }
            assertThat(restored.examples()).isEqualTo(original.examples());
        }
    }

    static Example example(final int i, final long time) {
        return new Example(new FeatureVector(new String[] {"i"}, new double[] {i}), false, time, 1);
    }

    static List<Example> points(final boolean fraud, final double[][] xy) {
        final List<Example> out = new ArrayList<>();
        for (double[] p : xy) {
            out.add(new Example(new FeatureVector(new String[] {"x", "y"}, p.clone()), fraud, 0, 10));
        }
        return out;
    }
}
