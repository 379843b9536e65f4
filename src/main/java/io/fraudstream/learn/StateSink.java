package io.fraudstream.learn;

import java.util.function.BiConsumer;

/**
 * Where {@link Learning} writes its state as it changes: changelogged stores in the topology, nothing in the in-process
 * replay or in tests. Keys are the learner's (see {@link Learning#restore}); held-out slots go apart, to their own
 * store.
 */
public interface StateSink {
    /** A sink that keeps nothing (the in-process replay's): the learner then never encodes its state. */
    StateSink NONE = new StateSink() {
        @Override
        public void state(final String key, final byte[] value) {
        }

        @Override
        public void holdout(final int slot, final byte[] value) {
        }

        @Override
        public boolean keeps() {
            return false;
        }
    };

    void state(String key, byte[] value);

    void holdout(int slot, byte[] value);

    /** Whether what is written is kept (false: the learner skips encoding it, which costs most of an update). */
    default boolean keeps() {
        return true;
    }

    /** A sink writing the learner state to {@code state} and the held-out slots to {@code holdout}. */
    static StateSink of(final BiConsumer<String, byte[]> state, final BiConsumer<Integer, byte[]> holdout) {
        return new StateSink() {
            @Override
            public void state(final String key, final byte[] value) {
                state.accept(key, value);
            }

            @Override
            public void holdout(final int slot, final byte[] value) {
                holdout.accept(slot, value);
            }
        };
    }
}
