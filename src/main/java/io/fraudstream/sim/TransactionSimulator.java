package io.fraudstream.sim;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A seedable simulator of card transactions with labelled fraud and realistic label delays, for replays.
 *
 * <p>Design, after the simulator of the Fraud-Detection Handbook (Le Borgne et al., 2022), extended with bursts,
 * card testing, daily rhythms and label delays:
 * <ul>
 *   <li><b>Customers</b> live at a point of a 100 × 100 grid, with their own mean amount (5–100, spread half of it),
 *       number of transactions a day (0–4, a quarter more at weekends) and hour of the day they shop around
 *       (a few transactions fall at night).</li>
 *   <li><b>Terminals</b> (merchants) are spread over the same grid; a customer shops at the terminals within a
 *       radius of 5 of home (the nearest one when none is).</li>
 *   <li><b>Fraud scenarios</b>, which differ in what reveals them:
 *     <ul>
 *       <li>{@code large-amount}: any transaction above 220 is fraud — visible in the transaction alone;</li>
 *       <li>{@code compromised-terminal}: every transaction at a compromised terminal is fraud for 28 days;
 *           amounts look normal — only the terminal's recent fraud rate (from labels already known) reveals it;</li>
 *       <li>{@code stolen-card}: for 14 days, on about every other day, the card spends in a burst of 2–5
 *           transactions within an hour, at 3–6 times its usual amount, at terminals far from home — revealed by
 *           the amount against the card's own history and by the burst;</li>
 *       <li>{@code stolen-card-changed}, from {@code changeDay} on (if set) in place of {@code stolen-card}: the
 *           thieves adapt — bursts of 6–10 transactions at 0.8–1.5 times the card's usual amount, still far from
 *           home, so the amount no longer gives them away but the burst and the distance do: a fraud pattern
 *           that changes mid-stream, for drift detection;</li>
 *       <li>{@code card-testing}: 5–20 tiny amounts (0.50–2.50) within half an hour at random terminals, mostly at
 *           night — revealed by the count over the last hour and the tiny amounts.</li>
 *     </ul>
 *     How many terminals and cards are hit per day is set so that fraud is about {@code fraudRate} of all
 *     transactions (about 40% compromised terminals, 35% stolen cards, 25% card testing, plus the few large amounts);
 *     compromises start before the first day, so the rate is steady from day one.</li>
 *   <li><b>Label delay</b> per transaction: 60% of frauds are caught by investigation within hours (log-normal,
 *       median 6 h, 15 min–3 days), the rest by chargeback after 3–30 days; a legitimate transaction is confirmed
 *       when its 7-day feedback window closes (6–8 days).</li>
 * </ul>
 * The same seed and parameters give the same transactions, bit for bit.
 */
public final class TransactionSimulator {
    /**
     * Simulation parameters.
     *
     * @param changeDay the day stolen cards start being spent the changed way ({@code stolen-card-changed}); −1 never
     */
    public record Config(int customers, int terminals, int days, LocalDate start, double fraudRate, long seed,
                         int changeDay) {
        /** A stream whose fraud pattern never changes. */
        public Config(final int customers, final int terminals, final int days, final LocalDate start,
                      final double fraudRate, final long seed) {
            this(customers, terminals, days, start, fraudRate, seed, -1);
        }

        public Config {
            if (customers < 1 || terminals < 1 || days < 1) {
                throw new IllegalArgumentException("customers, terminals and days must be >= 1");
            }
            if (!(fraudRate >= 0 && fraudRate < 0.2)) {
                throw new IllegalArgumentException("fraud rate must be in [0, 0.2), was " + fraudRate);
            }
        }
    }

    /** One simulated transaction. {@code scenario} is {@code legit} or the fraud scenario (it leaks the label). */
    public record SimulatedTransaction(String id, long time, String card, String terminal, double amount,
                                       boolean fraud, String scenario, long labelDelaySeconds) {
    }

    static final double LARGE_AMOUNT = 220;
    private static final int TERMINAL_DAYS = 28;
    private static final int STOLEN_DAYS = 14;
    private static final double RADIUS = 5;

    private final Config config;
    private final Random random;
    private final double[][] home;
    private final double[] meanAmount;
    private final double[] perDay;
    private final double[] meanHour;
    private final int[][] nearby;
    private final int[] terminalUntil; // last day (exclusive) a terminal is compromised
    private final int[] cardUntil;
    private final double terminalsPerDay;
    private final double cardsPerDay;
    private final double testsPerDay;
    private long sequence;

    public TransactionSimulator(final Config config) {
        this.config = config;
        this.random = new Random(config.seed());
        final int n = config.customers();
        home = new double[n][];
        meanAmount = new double[n];
        perDay = new double[n];
        meanHour = new double[n];
        final double[][] terminalAt = new double[config.terminals()][];
        for (int t = 0; t < terminalAt.length; t++) {
            terminalAt[t] = new double[] {random.nextDouble() * 100, random.nextDouble() * 100};
        }
        nearby = new int[n][];
        double dailyTransactions = 0;
        for (int c = 0; c < n; c++) {
            home[c] = new double[] {random.nextDouble() * 100, random.nextDouble() * 100};
            meanAmount[c] = 5 + random.nextDouble() * 95;
            perDay[c] = random.nextDouble() * 4;
            meanHour[c] = 9 + random.nextDouble() * 10;
            dailyTransactions += perDay[c] * (5 + 2 * 1.25) / 7;
            final List<Integer> near = new ArrayList<>();
            int nearest = 0;
            double best = Double.MAX_VALUE;
            for (int t = 0; t < terminalAt.length; t++) {
                final double d = Math.hypot(terminalAt[t][0] - home[c][0], terminalAt[t][1] - home[c][1]);
                if (d < RADIUS) {
                    near.add(t);
                }
                if (d < best) {
                    best = d;
                    nearest = t;
                }
            }
            nearby[c] = near.isEmpty() ? new int[] {nearest} : near.stream().mapToInt(Integer::intValue).toArray();
        }
        terminalUntil = new int[config.terminals()];
        cardUntil = new int[n];
        final double frauds = config.fraudRate() * dailyTransactions;
        terminalsPerDay = 0.40 * frauds / (TERMINAL_DAYS * dailyTransactions / config.terminals());
        cardsPerDay = 0.35 * frauds / (STOLEN_DAYS * 0.5 * 3.5);
        testsPerDay = 0.25 * frauds / 12.5;
        for (int day = -TERMINAL_DAYS + 1; day < 0; day++) { // a steady state from the first day
            compromise(day);
        }
    }

    /** Generates every day in time order, passing each transaction to {@code sink}. */
    public void run(final Consumer<SimulatedTransaction> sink) {
        for (int day = 0; day < config.days(); day++) {
            day(day).forEach(sink);
        }
    }

    private record Draft(long time, int card, int terminal, double amount, String scenario) {
    }

    private List<SimulatedTransaction> day(final int day) {
        compromise(day);
        final long midnight = config.start().plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        final DayOfWeek dow = config.start().plusDays(day).getDayOfWeek();
        final double weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 1.25 : 1;
        final List<Draft> drafts = new ArrayList<>();
        for (int c = 0; c < home.length; c++) {
            final int count = poisson(perDay[c] * weekend);
            for (int k = 0; k < count; k++) {
                final double hour = random.nextDouble() < 0.04 ? random.nextDouble() * 6
                        : clamp(meanHour[c] + 3 * random.nextGaussian(), 0, 23.99);
                double amount = meanAmount[c] + meanAmount[c] / 2 * random.nextGaussian();
                if (amount < 0) {
                    amount = random.nextDouble() * meanAmount[c] * 2;
                }
                final int terminal = nearby[c][random.nextInt(nearby[c].length)];
                final String scenario = amount > LARGE_AMOUNT ? "large-amount"
                        : terminalUntil[terminal] > day ? "compromised-terminal" : "legit";
                drafts.add(new Draft(midnight + (long) (hour * 3_600_000), c, terminal, cents(amount), scenario));
            }
            if (cardUntil[c] > day && random.nextBoolean()) { // a stolen card's burst
                final long at = midnight + (long) (random.nextDouble() * 23 * 3_600_000);
                final boolean changed = config.changeDay() >= 0 && day >= config.changeDay();
                final int burst = changed ? 6 + random.nextInt(5) : 2 + random.nextInt(4);
                for (int k = 0; k < burst; k++) {
                    final long time = at + (long) (random.nextDouble() * 3_600_000); // draws in this order: the
                    final int terminal = random.nextInt(terminalUntil.length);     // same seed, the same data
                    final double times = changed ? 0.8 + 0.7 * random.nextDouble() : 3 + 3 * random.nextDouble();
                    drafts.add(new Draft(time, c, terminal, cents(meanAmount[c] * times),
                            changed ? "stolen-card-changed" : "stolen-card"));
                }
            }
        }
        for (int e = poisson(testsPerDay); e > 0; e--) { // card testing, mostly at night
            final int c = random.nextInt(home.length);
            final double hour = random.nextDouble() < 0.7 ? random.nextDouble() * 6 : random.nextDouble() * 23.5;
            final long at = midnight + (long) (hour * 3_600_000);
            for (int k = 5 + random.nextInt(16); k > 0; k--) {
                drafts.add(new Draft(at + (long) (random.nextDouble() * 1_800_000), c,
                        random.nextInt(terminalUntil.length), cents(0.5 + 2 * random.nextDouble()), "card-testing"));
            }
        }
        drafts.sort(Comparator.comparingLong(Draft::time));
        final List<SimulatedTransaction> out = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            final boolean fraud = !"legit".equals(d.scenario());
            out.add(new SimulatedTransaction(Long.toString(++sequence), d.time(), "C" + d.card(), "T" + d.terminal(),
                    d.amount(), fraud, d.scenario(), labelDelaySeconds(fraud)));
        }
        return out;
    }

    private void compromise(final int day) {
        for (int k = poisson(terminalsPerDay); k > 0; k--) {
            terminalUntil[random.nextInt(terminalUntil.length)] = day + TERMINAL_DAYS;
        }
        if (day >= 0) {
            for (int k = poisson(cardsPerDay); k > 0; k--) {
                cardUntil[random.nextInt(cardUntil.length)] = day + STOLEN_DAYS;
            }
        }
    }

    private long labelDelaySeconds(final boolean fraud) {
        if (!fraud) {
            return 6 * 86_400 + (long) (random.nextDouble() * 2 * 86_400);
        }
        if (random.nextDouble() < 0.6) { // investigation: log-normal, median 6 h
            return (long) clamp(6 * 3600 * Math.exp(1.2 * random.nextGaussian()), 900, 3 * 86_400);
        }
        return 3 * 86_400 + (long) (random.nextDouble() * 27 * 86_400); // chargeback
    }

    private int poisson(final double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        final double limit = Math.exp(-mean);
        int k = 0;
        double p = random.nextDouble();
        while (p > limit) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }

    private static double cents(final double amount) {
        return Math.round(amount * 100) / 100.0;
    }

    private static double clamp(final double v, final double lo, final double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
