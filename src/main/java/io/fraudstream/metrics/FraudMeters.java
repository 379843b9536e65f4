package io.fraudstream.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;

/**
 * fraudstream's own meters, one Micrometer {@link MeterBinder} per component, all bound to one registry when this is
 * made: each component is handed its own binder only (the scoring task {@link #scoring()}, the pending join
 * {@link #join()}, ...), so what a component can meter is what it does.
 *
 * <p>Names are dot.case (Prometheus turns {@code fraud.window.pr.auc} into {@code fraud_window_pr_auc}); tags are
 * few and of low cardinality: {@code reason} (a fixed set of validation codes), {@code label}, {@code window},
 * {@code labels}, {@code model}, {@code decision}, {@code class}, {@code family}, {@code version}. Thread-safe:
 * stream threads, the global thread, the learner's and evaluator's threads and the HTTP thread share one instance.
 */
public final class FraudMeters {
    /** Streams config key under which the instance is handed to the exception handlers. */
    public static final String CONFIG_KEY = "fraudstream.internal.meters";

    private final MeterRegistry registry;
    private final ScoringMeters scoring = new ScoringMeters();
    private final InputMeters input = new InputMeters();
    private final JoinMeters join = new JoinMeters();
    private final MerchantMeters merchant = new MerchantMeters();
    private final LearnerMeters learner = new LearnerMeters();
    private final EvaluationMeters evaluation = new EvaluationMeters();
    private final HealthMeters health = new HealthMeters();

    public FraudMeters(final MeterRegistry registry) {
        this.registry = registry;
        for (MeterBinder b : List.of(scoring, input, join, merchant, learner, evaluation, health)) {
            b.bindTo(registry);
        }
    }

    /** Meters on a private registry, for tests and tools that do not publish them. */
    public static FraudMeters detached() {
        return new FraudMeters(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public ScoringMeters scoring() {
        return scoring;
    }

    public InputMeters input() {
        return input;
    }

    public JoinMeters join() {
        return join;
    }

    public MerchantMeters merchant() {
        return merchant;
    }

    public LearnerMeters learner() {
        return learner;
    }

    public EvaluationMeters evaluation() {
        return evaluation;
    }

    public HealthMeters health() {
        return health;
    }

    /** The sum of every counter called {@code name}, whatever its tags. */
    public double counter(final String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
