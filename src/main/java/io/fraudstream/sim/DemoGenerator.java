package io.fraudstream.sim;

import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import java.time.Duration;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo's live feed: {@link SyntheticTransactions} at a steady rate, and each one's label sent later, after
 * an investigation-like delay (frauds 2–8 s, legitimate ones 4–12 s: a chargeback window compressed to demo
 * time). Deterministic for a seed, apart from wall-clock timestamps.
 */
public final class DemoGenerator implements Runnable, AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String transactionsTopic;
    private final String labelsTopic;
    private final double ratePerSecond;
    private final SyntheticTransactions data;
    private final LongSupplier clock;
    private final PriorityQueue<PendingLabel> labels = new PriorityQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong frauds = new AtomicLong();
    private volatile boolean running = true;
    private long sequence;

    /** @param client the producer's properties: the cluster's address and security (Settings#producerProperties) */
    public DemoGenerator(final Map<String, Object> client, final String transactionsTopic, final String labelsTopic,
                         final double ratePerSecond, final double fraudRate, final long seed) {
        final Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "fraudstream-demo-generator");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.transactionsTopic = transactionsTopic;
        this.labelsTopic = labelsTopic;
        this.ratePerSecond = ratePerSecond;
        this.data = new SyntheticTransactions(seed, fraudRate, 5000);
        this.clock = System::currentTimeMillis;
    }

    /** Transactions sent so far. */
    public long sent() {
        return sent.get();
    }

    public long frauds() {
        return frauds.get();
    }

    @Override
    public void run() {
        final long start = clock.getAsLong();
        while (running) {
            final long now = clock.getAsLong();
            final long due = (long) ((now - start) / 1000.0 * ratePerSecond);
            while (sequence < due && running) {
                send(now);
            }
            while (!labels.isEmpty() && labels.peek().due <= now) {
                final Label label = labels.poll().label;
                producer.send(new ProducerRecord<>(labelsTopic, label.transactionId(), LabelJson.write(label)));
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(final long now) {
        final boolean fraud = data.nextIsFraud();
        final Transaction t = data.next("demo-" + sequence++, now, fraud);
        producer.send(new ProducerRecord<>(transactionsTopic, t.recordKey(), TransactionJson.write(t)));
        sent.incrementAndGet();
        if (fraud) {
            frauds.incrementAndGet();
        }
        final long delay = data.labelDelayMillis(fraud, 2000, 4000);
        labels.add(new PendingLabel(now + delay, new Label(t.id(), fraud, now + delay)));
    }

    public void stop() {
        running = false;
    }

    @Override
    public void close() {
        running = false;
        producer.close(Duration.ofSeconds(10));
    }

    private record PendingLabel(long due, Label label) implements Comparable<PendingLabel> {
        @Override
        public int compareTo(final PendingLabel o) {
            return Long.compare(due, o.due);
        }
    }
}
