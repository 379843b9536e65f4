package io.fraudstream.stage;

/**
 * When an in-memory table should forget the keys its retention has passed, as a window store drops its expired
 * segments: each time stream time has moved on by a quarter of the retention, not at every write (a sweep walks
 * every key). The card histories of the in-process replay and the merchants' day counters use it.
 */
public final class RetentionSweep {
    private final long step;
    private long next = Long.MIN_VALUE;

    public RetentionSweep(final long retentionMs) {
        this.step = Math.max(1, retentionMs / 4);
    }

    /**
     * Whether to sweep now, at stream time {@code time}: true once a quarter of the retention has passed since the
     * last sweep (or since the first time seen, which starts the clock).
     */
    public boolean due(final long time) {
        if (time < next) {
            return false;
        }
        final boolean started = next != Long.MIN_VALUE;
        next = time > Long.MAX_VALUE - step ? Long.MAX_VALUE : time + step;
        return started;
    }
}
