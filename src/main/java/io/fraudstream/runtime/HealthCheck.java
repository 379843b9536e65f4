package io.fraudstream.runtime;

import io.fraudstream.metrics.FraudMeters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code /health/live} and {@code /health/ready} answer, from facts, not hopes. The client's state alone says
 * RUNNING while a stream thread dies on the same record again and again (each death replaces the thread and passes
 * through REBALANCING), and while retraining fails round after round; so:
 * <ul>
 *   <li><b>live</b> unless the client is in ERROR, PENDING_ERROR, PENDING_SHUTDOWN or NOT_RUNNING (a dead global
 *   thread puts it in ERROR): restarting the process is the remedy;</li>
 *   <li><b>ready</b> when live, RUNNING, no stream thread died within the last {@link #THREAD_DEATH_WINDOW_MILLIS}
 *   {@value #THREAD_DEATHS} times, and fewer than {@value #STUCK_ROUNDS} retraining rounds failed in a row.</li>
 * </ul>
 * Each answer carries its reasons, so a probe's log says why.
 */
final class HealthCheck {
    static final int THREAD_DEATHS = 3;
    static final long THREAD_DEATH_WINDOW_MILLIS = 5 * 60_000L;
    static final int STUCK_ROUNDS = 3;
    private final Supplier<KafkaStreams.State> state;
    private final FraudMeters meters;
    private final LongSupplier clock;
    private final long[] deaths = new long[THREAD_DEATHS];
    private int nextDeath;

    /** One answer: healthy or not, the client's state, and why not. */
    record Status(boolean ok, String state, long modelVersion, List<String> problems) {
        String json() {
            return "{\"status\":\"" + (ok ? "UP" : "DOWN") + "\",\"state\":\"" + state + "\",\"modelVersion\":"
                    + modelVersion + ",\"problems\":[" + String.join(",", problems.stream()
                    .map(p -> "\"" + p + "\"").toList()) + "]}\n";
        }
    }

    HealthCheck(final Supplier<KafkaStreams.State> state, final FraudMeters meters, final LongSupplier clock) {
        this.state = state;
        this.meters = meters;
        this.clock = clock;
        Arrays.fill(deaths, Long.MIN_VALUE);
    }

    /** A stream thread died (and was replaced). */
    synchronized void threadDied() {
        deaths[nextDeath] = clock.getAsLong();
        nextDeath = (nextDeath + 1) % THREAD_DEATHS;
    }

    Status live() {
        final KafkaStreams.State s = state.get();
        final List<String> problems = new ArrayList<>();
        if (dead(s)) {
            problems.add("client " + s);
        }
        return new Status(problems.isEmpty(), s.name(), meters.scoring().modelVersion(), problems);
    }

    synchronized Status ready() {
        final KafkaStreams.State s = state.get();
        final List<String> problems = new ArrayList<>(live().problems());
        if (!dead(s) && s != KafkaStreams.State.RUNNING) {
            problems.add("client " + s);
        }
        final long oldest = deaths[nextDeath]; // the ring's oldest of the last THREAD_DEATHS deaths
        if (oldest != Long.MIN_VALUE && clock.getAsLong() - oldest < THREAD_DEATH_WINDOW_MILLIS) {
            problems.add(THREAD_DEATHS + " stream thread deaths within " + THREAD_DEATH_WINDOW_MILLIS / 60_000 + " min");
        }
        if (meters.learner().roundFailuresInARow() >= STUCK_ROUNDS) {
            problems.add(meters.learner().roundFailuresInARow() + " retraining rounds failed in a row");
        }
        return new Status(problems.isEmpty(), s.name(), meters.scoring().modelVersion(), problems);
    }

    private static boolean dead(final KafkaStreams.State s) {
        return s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR
                || s == KafkaStreams.State.PENDING_SHUTDOWN || s == KafkaStreams.State.NOT_RUNNING;
    }
}
