package io.fraudstream.load;

import io.fraudstream.event.Decision;
import io.fraudstream.event.InputLimits;
import io.fraudstream.event.Score;
import io.fraudstream.event.ScoreJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The yardstick of {@code bench --baseline}: the least a Streams application that scores transactions must do —
 * read each JSON transaction, parse and validate it as fraudstream does, write a JSON score — under the same
 * Streams configuration (exactly-once included), on the same broker. fraudstream's throughput and latency are
 * quoted as ratios to it, which cancels most of the machine's noise.
 */
public final class PassThrough {
    private PassThrough() {
    }

    /** Starts the pass-through from {@code transactions} to {@code scores} with these Streams properties. */
    public static KafkaStreams start(final Properties streams, final String transactions, final String scores) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(transactions, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .mapValues(PassThrough::score)
                .to(scores, Produced.with(Serdes.String(), Serdes.ByteArray()));
        final KafkaStreams app = new KafkaStreams(builder.build(), streams);
        app.start();
        return app;
    }

    private static byte[] score(final byte[] transaction) {
        return score(TransactionJson.parse(transaction, InputLimits.DEFAULT));
    }

    /** The yardsticks' score of a transaction: a JSON score of fraudstream's shape, with nothing computed. */
    static byte[] score(final Transaction t) {
        return ScoreJson.write(new Score(t.id(), 0, Decision.APPROVE, 1, 0, System.currentTimeMillis(), List.of()));
    }
}
