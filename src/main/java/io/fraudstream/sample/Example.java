package io.fraudstream.sample;

import io.fraudstream.event.FeatureVector;

/**
 * One labelled example as the learner keeps it: the features the model saw at decision time, the label, the
 * transaction's event time (for time-biased sampling and alert budgets) and its amount (for example-dependent
 * costs). Stored by {@link ExampleCodec}.
 */
public record Example(FeatureVector x, boolean fraud, long time, double amount) {
}
