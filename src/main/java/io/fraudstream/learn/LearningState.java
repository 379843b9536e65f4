package io.fraudstream.learn;

import java.util.Map;

/**
 * What {@link Learning} keeps under {@link Learning#STATE_KEY}, written with every outcome: the version and round
 * counters, when the last round fell due, whether one was running, how many are owed, the six numbers of
 * {@link RecentDecisions}, the reservoirs' counts of examples seen, and each learner's updated part by family
 * (the fitted part, a tree ensemble, is kept apart and written only when it changes), and the state of the
 * {@link DriftMonitor}.
 *
 * <p>Stored by {@link LearningStateCodec}.
 *
 * @param learners the updated part of each learner, by family id, in the configured order
 * @param whole    whether {@code learners} holds each learner whole (format 4)
 * @param drift    the drift monitor's state, null before format 6 (it starts afresh)
 */
record LearningState(long version, int sincePublish, long round, long lastRoundTime, boolean pendingRound,
                     int owedRounds, double[] decisions, long fraudSeen, long legitSeen, Map<String, byte[]> learners,
                     boolean whole, double[] drift) {
}
