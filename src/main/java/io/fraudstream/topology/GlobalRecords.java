package io.fraudstream.topology;

/**
 * A global store that takes the records of its source topic as they come, at run time and when it is rebuilt at
 * start-up (Kafka Streams reprocesses a global store's topic through its processor): it checks each record itself
 * and refuses a bad one with a count, since a global store's records cannot go to the dead-letter topic.
 */
interface GlobalRecords {
    void install(String key, byte[] value);
}
