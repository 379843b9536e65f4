package io.fraudstream.event;

import java.time.Instant;

/**
 * Which event times fraudstream accepts. A record's own timestamp drives everything downstream (stream time, the
 * pending horizon, the card and merchant history windows, the evaluator's clock, the timestamps of the records
 * written), so a single record dated far ahead would move all of them: later good records would look stale, and
 * the broker refuses writes dated more than {@code log.message.timestamp.after.max.ms} ahead of its clock, which
 * used to kill the stream thread on the same record after every restart.
 *
 * <p>The window: no later than the wall clock plus {@code maxFutureMillis} (the wall clock bounds a live stream
 * and any replay of history alike), and no earlier than the stream time of the record's partition minus
 * {@code maxAgeMillis}. Stream time only advances through accepted records, so it can never pass the wall clock
 * plus the allowed skew.
 *
 * @param maxFutureMillis how far ahead of the wall clock an event may be dated
 * @param maxAgeMillis    how far behind its partition's stream time an event may be dated
 */
public record EventTimeWindow(long maxFutureMillis, long maxAgeMillis) {
    /** The verdict on one event time. */
    public enum Verdict {
        ACCEPT(null), FUTURE("timestamp.future"), TOO_OLD("timestamp.too-old");

        private final String reason;

        Verdict(final String reason) {
            this.reason = reason;
        }

        /** The dead-letter reason code, null for {@link #ACCEPT}. */
        public String reason() {
            return reason;
        }
    }

    /**
     * @param eventTime  the record's own timestamp
     * @param streamTime the newest accepted event time of its partition, negative when none yet
     * @param now        the wall clock, epoch milliseconds
     */
    public Verdict check(final long eventTime, final long streamTime, final long now) {
        if (eventTime > now + maxFutureMillis) {
            return Verdict.FUTURE;
        }
        if (streamTime >= 0 && eventTime < streamTime - maxAgeMillis) {
            return Verdict.TOO_OLD;
        }
        return Verdict.ACCEPT;
    }

    /** Refuses an event time outside the window (as {@link #check}), with its {@link #rejection}. */
    public void require(final long eventTime, final long streamTime, final long now) {
        final Verdict v = check(eventTime, streamTime, now);
        if (v != Verdict.ACCEPT) {
            throw rejection(v, eventTime);
        }
    }

    /** The rejection of an event time this window refused with verdict {@code v}. */
    public InvalidRecordException rejection(final Verdict v, final long eventTime) {
        return new InvalidRecordException(v.reason(), "timestamp: " + Instant.ofEpochMilli(eventTime)
                + (v == Verdict.FUTURE ? " is more than " + maxFutureMillis + " ms ahead of the wall clock"
                : " is more than " + maxAgeMillis + " ms older than the newest event time of its partition"));
    }
}
