package io.fraudstream.topology;

/** Record keys with a fixed meaning on fraudstream's topics. */
public final class TopicKeys {
    /** Key of the model every instance scores with, on the compacted model topic. */
    public static final String CHAMPION = "champion";

    private TopicKeys() {
    }
}
