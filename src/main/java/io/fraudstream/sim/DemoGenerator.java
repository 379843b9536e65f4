package io.fraudstream.sim;

import io.fraudstream.event.Label;
import io.fraudstream.event.LabelJson;
import io.fraudstream.event.Transaction;
import io.fraudstream.event.TransactionJson;
import java.time.Duration;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo's live feed: synthetic card transactions at a steady rate, and each one's label sent later, after an
 * investigation-like delay (frauds a few seconds, legitimate ones a little later: a chargeback window compressed
 * to demo time). Fraud (about {@code fraudRate} of transactions) is learnable from the transaction's own fields,
 * but not trivially: fraud tends to larger amounts, card-not-present channels, foreign countries, far from home
 * and young cards, and a share of legitimate traffic looks the same way on each of those.
 * Deterministic for a seed, apart from wall-clock timestamps.
 */
public final class DemoGenerator implements Runnable, AutoCloseable {
    private static final String[] FOREIGN = {"US", "GB", "NG", "BR", "RU", "CN", "IN"};
    private final KafkaProducer<String, byte[]> producer;
    private final String transactionsTopic;
    private final String labelsTopic;
    private final double ratePerSecond;
    private final double fraudRate;
    private final Random random;
    private final LongSupplier clock;
    private final double[] cardMeanLog;
    private final PriorityQueue<PendingLabel> labels = new PriorityQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong frauds = new AtomicLong();
    private volatile boolean running = true;
    private long sequence;

    public DemoGenerator(final String bootstrapServers, final String transactionsTopic, final String labelsTopic,
                         final double ratePerSecond, final double fraudRate, final long seed) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "fraudstream-demo-generator");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.transactionsTopic = transactionsTopic;
        this.labelsTopic = labelsTopic;
        this.ratePerSecond = ratePerSecond;
        this.fraudRate = fraudRate;
        this.random = new Random(seed);
        this.clock = System::currentTimeMillis;
        this.cardMeanLog = new double[5000];
        for (int i = 0; i < cardMeanLog.length; i++) {
            cardMeanLog[i] = 3.2 + 0.6 * random.nextGaussian();
        }
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
        final boolean fraud = random.nextDouble() < fraudRate;
        final Transaction t = next("demo-" + sequence++, now, fraud);
        producer.send(new ProducerRecord<>(transactionsTopic, t.id(), TransactionJson.write(t)));
        sent.incrementAndGet();
        if (fraud) {
            frauds.incrementAndGet();
        }
        final long delay = fraud ? 2000 + random.nextInt(6000) : 4000 + random.nextInt(8000);
        labels.add(new PendingLabel(now + delay, new Label(t.id(), fraud, now + delay)));
    }

    /** One synthetic transaction; fraud shifts every signal, none alone decides. */
    Transaction next(final String id, final long time, final boolean fraud) {
        final int card = random.nextInt(cardMeanLog.length);
        final double amount = Math.round(Math.exp(cardMeanLog[card] + 0.7 * random.nextGaussian()
                + (fraud ? 1.0 + random.nextDouble() * 1.5 : 0)) * 100) / 100.0;
        final double u = random.nextDouble();
        final String channel = fraud ? (u < 0.6 ? "ecom" : u < 0.9 ? "pos" : "atm")
                : (u < 0.25 ? "ecom" : u < 0.95 ? "pos" : "atm");
        final boolean foreign = random.nextDouble() < (fraud ? 0.45 : 0.04);
        final String country = foreign ? FOREIGN[random.nextInt(FOREIGN.length)] : "FR";
        final double distance = -Math.log(1 - random.nextDouble()) * (fraud ? 300 : 15);
        final double cardAge = fraud ? 10 + random.nextDouble() * 900 : 30 + random.nextDouble() * 3000;
        return new Transaction(id, time, amount, "card-" + card, "merchant-" + random.nextInt(500), "EUR",
                Map.of("distance_km", Math.round(distance * 10) / 10.0, "card_age_days", Math.floor(cardAge)),
                Map.of("channel", channel, "country", country));
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
