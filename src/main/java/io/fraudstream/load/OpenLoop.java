package io.fraudstream.load;

import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.ScoreJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import io.fraudstream.sim.SyntheticTransactions;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One open-loop load step: transactions sent on a schedule fixed in advance ({@code rate} a second on average,
 * evenly spaced or as Poisson arrivals: {@link Arrivals}; whatever the pipeline does), each score's latency taken
 * from its transaction's <i>intended</i> send time to its arrival at a {@code read_committed} consumer. Measuring
 * from the schedule, not from the actual send, corrects for coordinated omission: a pipeline (or a producer) that
 * falls behind shows the backlog in its latencies instead of slowing the load down and hiding it. With
 * {@code labels}, each transaction's label follows it a second later, so the label path (join, learning,
 * evaluation) competes for the same cores as scoring does in production.
 *
 * <p>The first {@code warmup} of the schedule is sent but not measured. A transaction whose score has not
 * arrived {@code drain} after the schedule ended counts as missed.
 */
public final class OpenLoop {
    /** Name of the thread that reads the scores. */
    static final String READER_THREAD = "fraudstream-bench-scores";
    static final String MEASURING_THREAD = "fraudstream-bench-measuring";
    private static final long SECOND = 1_000_000_000L;

    /**
     * What a step measured; latencies in microseconds. {@code sent}: every transaction of the step, warm-up
     * included; {@code sentMeasured}: those after the warm-up; {@code measured}: those of them scored in time.
     * {@code worstPerSecond[i]}: the longest latency of the
     * transactions due in the i-th measured second, which began at {@code measuredFromMillis} (wall clock): it says
     * whether a tail is steady or comes in bursts, and when, to set beside the application's log.
     */
    public record Result(int rate, long sent, long sentMeasured, long measured, long missed, Histogram latency,
                         long measuredFromMillis, long[] worstPerSecond) {
        public double millis(final double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final Map<String, Object> producerProperties;
    private final Map<String, Object> consumerProperties;
    private final String transactions;
    private final String labels;
    private final String scores;
    private final Arrivals arrivals;
    private final long seed;

    /** {@code labels} null: transactions only; {@code seed} draws the schedule of {@link Arrivals#POISSON}. */
    public OpenLoop(final Map<String, Object> producerProperties, final Map<String, Object> consumerProperties,
                    final String transactions, final String labels, final String scores, final Arrivals arrivals,
                    final long seed) {
        this.arrivals = arrivals;
        this.seed = seed;
        this.producerProperties = producerProperties;
        this.consumerProperties = consumerProperties;
        this.transactions = transactions;
        this.labels = labels;
        this.scores = scores;
    }

    /**
     * Runs one step; {@code prefix} makes its transaction ids unique on the topics. {@code measuring} runs once, on
     * a thread of its own so that no send waits for it, when the first measured transaction is due (never when
     * nothing is measured): {@code bench} takes its CPU snapshot there.
     */
    public Result run(final String prefix, final int rate, final Duration warmup, final Duration measure,
                      final Duration drain, final SyntheticTransactions data, final Runnable measuring)
            throws InterruptedException {
        final int skipped = (int) Math.min(Integer.MAX_VALUE / 2, warmup.toMillis() * rate / 1000);
        final int total = skipped + (int) Math.min(Integer.MAX_VALUE / 2, measure.toMillis() * rate / 1000);
        final long[] due = arrivals.schedule(total, rate, seed);
        final long end = total == 0 ? 0 : due[total - 1]; // the schedule's last send, from its start
        final long measuredFrom = skipped < total ? due[skipped] : end;
        final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        final BitSet received = new BitSet(total);
        final long[] worstPerSecond = new long[skipped == total ? 0 : (int) ((end - measuredFrom) / SECOND) + 1];
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedScores.consumer(consumerProperties, scores);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties, new StringSerializer(),
                     new ByteArraySerializer())) {
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position); // the end, fixed now: only this step's scores are read
            final long start = System.nanoTime() + 100_000_000L; // the consumer's first fetch under way
            final Thread reader = new Thread(() -> {
                final long deadline = start + end + drain.toNanos();
                int count = 0;
                while (count < total && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        final long arrived = System.nanoTime();
                        final int seq = sequence(prefix, ScoreJson.parse(r.value()).transactionId());
                        if (seq < 0 || seq >= total || received.get(seq)) {
                            continue; // another step's, or a duplicate (exactly-once: never)
                        }
                        received.set(seq);
                        count++;
                        if (seq >= skipped) {
                            final long micros = (arrived - (start + due[seq])) / 1000;
                            latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
                            final int second = (int) ((due[seq] - measuredFrom) / SECOND);
                            worstPerSecond[second] = Math.max(worstPerSecond[second], micros);
                        }
                    }
                }
            }, READER_THREAD);
            reader.start();
            final long t0 = System.currentTimeMillis();
            final long startMillis = t0 + (start - System.nanoTime()) / 1_000_000; // the schedule's start, wall clock
            final BitSet frauds = new BitSet(total);
            for (int seq = 0; seq < total; seq++) {
                final long sendAt = start + due[seq];
                long wait;
                while ((wait = sendAt - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (seq == skipped) {
                    new Thread(measuring, MEASURING_THREAD).start();
                }
                final boolean fraud = data.nextIsFraud();
                frauds.set(seq, fraud);
                final String id = prefix + seq;
                final Transaction t = data.next(id, t0 + due[seq] / 1_000_000, fraud);
                // keyed by transaction id, as the input contract says
                producer.send(new ProducerRecord<>(transactions, t.recordKey(), TransactionJson.write(t)));
                if (labels != null && seq >= rate) { // the label of the transaction a second ago (on average)
                    final String labelled = prefix + (seq - rate);
                    producer.send(new ProducerRecord<>(labels, labelled, LabelJson.write(
                            new Label(labelled, frauds.get(seq - rate), t.timestamp()))));
                }
            }
            producer.flush();
            reader.join();
            return new Result(rate, total, total - skipped, latency.getTotalCount(), total - received.cardinality(),
                    latency, startMillis + measuredFrom / 1_000_000, worstPerSecond);
        }
    }

    /**
     * The id prefix of the step at {@code index} (from 0) of a run, at {@code rate}: unique per step, so that a rate
     * given twice does not send the first step's ids again, which the duplicate check would refuse.
     */
    public static String prefix(final int index, final int rate) {
        return "s" + index + "r" + rate + "-";
    }

    /** The sequence number in a transaction id of this step, or −1. */
    static int sequence(final String prefix, final String transactionId) {
        if (!transactionId.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(transactionId, prefix.length(), transactionId.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
