package io.fraudstream.config;

import io.fraudstream.event.InputLimits;
import io.fraudstream.learn.ClassWeighting;
import io.fraudstream.learn.ThresholdPolicy;
import io.fraudstream.model.ModelSnapshot;
import io.fraudstream.sample.Reservoir;
import io.fraudstream.sample.SamplingConfig;
import io.fraudstream.sample.Synthetic;
import java.time.Duration;
import java.util.Locale;

/**
 * One of fraudstream's own configuration keys ({@code fraudstream.*}), declared once: its default, what it accepts
 * (its {@link Type}: parser and validator), and its meaning. {@link Settings} parses every key with its type when it is
 * made, and its accessors hand out the parsed values; checks that span keys sit with the component configuration
 * {@link Settings} builds. The README's configuration table is generated from these ({@link ConfigTable}; a test
 * checks it).
 */
public enum Key {
    TOPIC_TRANSACTIONS("topic.transactions", "transactions", Type.topic(),
            "Input transactions (JSON), keyed by card id (see input.keyed-by-card)."),
    TOPIC_LABELS("topic.labels", "labels", Type.topic(),
            "Input labels (JSON); the key must be the transaction id."),
    TOPIC_SCORES("topic.scores", "scores", Type.topic(),
            "Output: one score per valid transaction."),
    TOPIC_ALERTS("topic.alerts", "alerts", Type.topic(),
            "Output: scores whose decision is REVIEW or BLOCK, with the transaction's amount, card, merchant and event time."),
    TOPIC_DLQ("topic.dlq", "transactions.dlq", Type.topic(),
            "Dead-letter topic for invalid input records; the reason is in the headers."),
    TOPIC_MODEL("topic.model", "model", Type.topic(),
            "Compacted topic of model snapshots; every instance scores with the latest."),
    TOPIC_OUTCOMES("topic.outcomes", "outcomes", Type.topic(),
            "Labelled outcomes (score at decision time + label); one partition, read by the single-writer learner and evaluator."),
    OUTCOMES_FORMAT("outcomes.format", "binary", Type.oneOf("binary", "json"),
            "How the outcomes topic is written: binary (features by their index in the feature schema; a fifth of the stream thread's time went to this topic's JSON while labels flowed) or json (the documented labelled-outcome JSON, for consumers of the topic outside fraudstream). Either is read back, so the setting can change across a restart."),
    TOPIC_MERCHANT_ACTIVITY("topic.merchant-activity", "merchant-activity", Type.topic(),
            "Compacted topic of per-merchant day counters, written by the merchant-count tasks and read by every scoring task (a global store): merchant features without a repartition by merchant."),
    TOPIC_METRICS("topic.metrics", "metrics", Type.topic(),
            "Rolling metric snapshots (JSON), one per window, label maturity and model per interval."),
    TOPICS_PARTITIONS("topics.partitions", "3", Type.integer(1, 10_000),
            "Partitions of the transactions, labels, scores and alerts topics and of the pending repartition topic (labels must match). Not given (file, environment or --set) while the transactions or labels topic exists, the count those topics have: a cluster's own input topics run as they are."),
    TOPICS_REPLICATION_FACTOR("topics.replication.factor", "-1", Type.replicationFactor(),
            "Replication factor of created topics and internal topics; -1 takes the broker default."),
    TOPICS_CREATE("topics.create", "true", Type.bool(),
            "Create missing topics at start (existing topics are checked, never altered)."),
    MODEL_PRIOR("model.prior", "0.005", Type.number(v -> v > 0 && v < 1, "strictly between 0 and 1"),
            "Fraud rate scored by the prior-only model used until the first model is published."),
    MODEL_PUBLISH_EVERY("model.publish.every", "10000", Type.integer(1, Integer.MAX_VALUE),
            "Publish a new model version every this many labelled outcomes. 10 000, with 40 000-example batches, ranked as well as 5 000 with 20 000 at the same cost per outcome (README, Detection quality)."),
    MODEL_PUBLISH_INTERVAL("model.publish.interval", "0s", Type.duration(),
            "Also run a retraining round once this much event time has passed since the last one, however few outcomes came (0s: by count only)."),
    THRESHOLD_REVIEW("threshold.review", "0.2", Type.number(v -> v >= 0 && v <= 1, "between 0 and 1"),
            "Scores at or above it are REVIEW (and alerted)."),
    THRESHOLD_BLOCK("threshold.block", "0.6", Type.number(v -> v >= 0 && v <= 1, "between 0 and 1"),
            "Scores at or above it are BLOCK (and alerted); must be >= threshold.review."),
    LEARNER_FAMILY("learner.family", "logistic,balanced-trees", Type.families(),
            "Model families trained every round, comma-separated: logistic (online logistic regression), trees (gradient-boosted trees on the batch), balanced-trees (an EasyEnsemble of trees.bags gradient-boosted models, each on every fraud of the batch and its own slice of the legitimate examples). With several, a challenger of each is fitted every round and the best on the holdout is the candidate, so a family replaces another only by winning."),
    LEARNER_BACKGROUND("learner.background", "true", Type.bool(),
            "Run retraining rounds on a thread of their own, so that the stream thread goes on scoring and committing while a round fits (its result is published when ready). false: rounds run on the stream thread, which waits for them (deterministic in TopologyTestDriver; a round longer than the producer's transaction.timeout.ms, 10 s by default, then fails the task)."),
    LEARNER_ROUND_TIMEOUT("learner.round.timeout", "10m", Type.duration(Duration.ofSeconds(1), "must be at least 1s"),
            "A retraining round running longer than this (wall clock) is abandoned: its thread is interrupted, the failure logged and counted (fraud_learner_round_failures_total), and the round retried after a backoff, while online learning and scoring go on. Rounds that throw are handled the same way."),
    TREES_COUNT("trees.count", "60", Type.integer(1, 10_000),
            "Trees per gradient-boosted model."),
    TREES_DEPTH("trees.depth", "4", Type.integer(1, 12),
            "Depth of each tree (at most 2^depth leaves)."),
    TREES_LEARNING_RATE("trees.learning.rate", "0.15", Type.number(v -> v > 0 && v <= 1, "in (0, 1]"),
            "Shrinkage of each tree's leaf values."),
    TREES_L2("trees.l2", "1", Type.nonNegative(),
            "L2 penalty (lambda) on leaf values."),
    TREES_MIN_CHILD_WEIGHT("trees.min.child.weight", "0.5", Type.nonNegative(),
            "Least Hessian (weighted p(1-p)) on each side of a split."),
    TREES_BINS("trees.bins", "126", Type.integer(2, 126),
            "Histogram bins per feature (quantiles of each batch), 2..126. The most (126) find a boundary such as the Handbook data's \"every amount above 220 is fraud\" to a finer edge: 32 ranked 0.004 to 0.019 AP lower on every data set measured (README, Detection quality)."),
    TREES_BAGS("trees.bags", "4", Type.integer(2, 64),
            "balanced-trees: gradient-boosted models in the EasyEnsemble, each fitted to every fraud of the batch and a disjoint 1/bags slice of its legitimate examples, then averaged in log-odds (a model of bags x trees.count trees, and trees.count more for the feedback model: trees.feedback.weight)."),
    TREES_FEEDBACK_WEIGHT("trees.feedback.weight", "0.5", Type.number(v -> v >= 0 && v < 1, "in [0, 1)"),
            "Tree families: the share (alpha) of a model fitted to the alert feedback alone (feedback.examples) in the aggregated log-odds, the model of the delayed labels having 1 - alpha (Dal Pozzolo et al. 2018); 0 fits none. Only when the feedback holds 20 examples of each class."),
    FEEDBACK_EXAMPLES("feedback.examples", "2000", Type.integer(1, 1_000_000),
            "Alert feedback kept apart from the delayed labels: the most recent outcomes (by transaction time) of transactions alerted when scored whose label came within feedback.within."),
    FEEDBACK_WITHIN("feedback.within", "3d", Type.duration(Duration.ofMillis(1), "must be > 0"),
            "An alerted transaction's outcome is feedback (an investigator's answer) when a label came within this much event time of it; later ones are delayed labels (chargebacks, the window's end), and one taken as legitimate at pending.horizon is never feedback."),
    LEARNER_LEARNING_RATE("learner.learning.rate", "0.2", Type.positive(),
            "AdaGrad base step of the online logistic regression."),
    LEARNER_L1("learner.l1", "0", Type.nonNegative(),
            "L1 penalty per update, applied as a cumulative penalty (Tsuruoka et al. 2009): weights of features that do not earn it end at exactly 0, a sparse model."),
    LEARNER_L2("learner.l2", "1e-2", Type.nonNegative(),
            "L2 penalty per update of the logistic regression (on standardised features): a batch repeats its few frauds many times, and without it a model fitted to a few dozen separates them with weights so large that its scores are near 1 for many legitimate transactions."),
    LEARNER_CLASS_WEIGHT("learner.class.weight", "none", Type.choice(ClassWeighting.class),
            "Class weights: none, balanced (inverse class frequency N/(2 n_c)), sqrt (its square root), effective (inverse effective number of samples, see learner.class.weight.beta) or fixed (learner.class.weight.fraud for fraud, 1 for legitimate)."),
    LEARNER_CLASS_WEIGHT_BETA("learner.class.weight.beta", "0.9999", Type.number(v -> v > 0 && v < 1, "in (0, 1)"),
            "Beta of the effective-number class weights, in (0, 1): closer to 1 weights closer to inverse frequency."),
    LEARNER_CLASS_WEIGHT_FRAUD("learner.class.weight.fraud", "10", Type.positive(),
            "Weight of a fraud example with fixed class weights."),
    LEARNER_LOSS("learner.loss", "log", Type.oneOf("log", "focal"),
            "Loss: log (log loss) or focal (focal loss, see learner.focal.gamma and learner.focal.alpha); class weights multiply either."),
    LEARNER_FOCAL_GAMMA("learner.focal.gamma", "2", Type.nonNegative(),
            "Focusing parameter gamma >= 0 of the focal loss (0: a weighted log loss)."),
    LEARNER_FOCAL_ALPHA("learner.focal.alpha", "0.5", Type.number(v -> v > 0 && v < 1, "in (0, 1)"),
            "Weight alpha of the fraud class in the focal loss, in (0, 1); legitimate examples get 1 - alpha."),
    LEARNER_MAX_CLASS_WEIGHT("learner.max.class.weight", "100", Type.number(v -> v >= 1, ">= 1"),
            "Cap on any class weight."),
    LEARNER_COUNT_HALF_LIFE("learner.count.half.life", "200000", Type.integer(1, Integer.MAX_VALUE),
            "Half-life, in labelled outcomes, of the class counts behind the class weights."),
    LEARNER_HOLDOUT_PERCENT("learner.holdout.percent", "10", Type.integer(0, 50),
            "Share (%) of labelled outcomes held out from training, chosen by transaction id, on which a new model must match the current one before it is published; 0 publishes every candidate."),
    LEARNER_HOLDOUT_SIZE("learner.holdout.size", "20000", Type.integer(100, 1_000_000),
            "The holdout keeps this many held-out outcomes, the most recent by transaction time, and judges those at least labels.maturity older than the newest label (so it must hold more than labels.maturity of held-out traffic: about 1 000 a day at 10 000 transactions a day and 10%)."),
    LEARNER_HOLDOUT_MIN_FRAUDS("learner.holdout.min.frauds", "30", Type.integer(1, 1_000_000),
            "Candidates are judged only once the holdout holds this many frauds (fewer make PR-AUC noise); until then they are published."),
    LEARNER_CALIBRATION("learner.calibration", "true", Type.bool(),
            "Platt-calibrate every candidate on the holdout (once it holds learner.holdout.min.frauds frauds), so that scores are fraud probabilities whatever the family or batch mix; false keeps the prior-corrected scores."),
    LEARNER_PROMOTION_MARGIN("learner.promotion.margin", "0.02", Type.number(v -> v >= 0 && v <= 1, "in [0, 1]"),
            "A candidate is published unless its holdout PR-AUC is below the current model's by more than this."),
    LEARNER_COST_WEIGHTS("learner.cost.weights", "false", Type.bool(),
            "Example-dependent costs as training weights: a fraud weighs what missing it costs (cost.missed.fraud) relative to the mean, capped at 10x either way."),
    DRIFT_DETECTION("drift.detection", "true", Type.bool(),
            "Watch for drift: a Page-Hinkley test on the miss rate of every fraud (approved when scored), in transaction-time order once labels.maturity old; a detected rise brings the next retraining round forward and counts fraud_drift_detected_total."),
    DRIFT_TOLERANCE("drift.tolerance", "0.05", Type.number(v -> v >= 0 && v < 1, "in [0, 1)"),
            "Rise of the missed-fraud rate the drift test tolerates (Page-Hinkley delta)."),
    DRIFT_THRESHOLD("drift.threshold", "15", Type.positive(),
            "Accumulated rise of the missed-fraud rate (in missed frauds beyond the running rate and the tolerance) that is a drift (Page-Hinkley lambda): larger detects later and falsely less often."),
    DRIFT_MIN_FRAUDS("drift.min.frauds", "30", Type.integer(1, 1_000_000),
            "Frauds the drift test takes before it may detect a drift, and again after each detection."),
    LEARNER_SEED("learner.seed", "42", Type.longInteger(),
            "Seed of every random choice in learning (reservoirs, batches, synthetic examples): the same outcomes give the same models."),
    RESERVOIR_KIND("reservoir.kind", "time-biased", Type.choice(Reservoir.Kind.class),
            "Class reservoirs the retraining batches are drawn from: uniform (Vitter's Algorithm R over the whole stream) or time-biased (weights halve every reservoir.half.life of event time, so old behaviour ages out)."),
    RESERVOIR_FRAUD_SIZE("reservoir.fraud.size", "10000", Type.integer(1, 10_000_000),
            "Capacity of the fraud reservoir, in examples: 10 000 keeps months of frauds at the rates measured (time-biased by reservoir.half.life), so batches repeat fewer of them; 2 000 ranked lower (README, Detection quality)."),
    RESERVOIR_LEGIT_SIZE("reservoir.legit.size", "40000", Type.integer(1, 10_000_000),
            "Capacity of the legitimate reservoir, in examples: 40 000, so that a 40 000-example batch repeats few of them (20 000 ranked lower on the Handbook data, README, Detection quality)."),
    RESERVOIR_LEGIT_ADMISSION("reservoir.legit.admission", "0.05", Type.number(v -> v > 0 && v <= 1, "in (0, 1]"),
            "Time-biased reservoirs: share of legitimate outcomes considered at all (a uniform thinning), so that not almost every one is written to the changelog; frauds are always considered, false alarms at reservoir.false.alarm.admission. 0.05 (with every false alarm) ranked above 0.1 and 0.25 on the Handbook data and the three generated sets, and above 0.5 on the Handbook data: the reservoir holds more of the hard negatives and reaches further back (README, Detection quality)."),
    RESERVOIR_FALSE_ALARM_ADMISSION("reservoir.false.alarm.admission", "1", Type.number(v -> v > 0 && v <= 1, "in (0, 1]"),
            "Time-biased reservoirs: share of false alarms (legitimate outcomes of transactions alerted when scored) considered for the legitimate reservoir, in place of reservoir.legit.admission: 1 keeps 1/reservoir.legit.admission times more of these hard negatives than of other legitimate outcomes; on the Handbook data that took AP after the first month from 0.724 to 0.738, and with reservoir.legit.admission=0.05 to 0.742 (README, Detection quality). Set it to reservoir.legit.admission for no preference."),
    RESERVOIR_HALF_LIFE("reservoir.half.life", "30d", Type.duration(Duration.ofMillis(1), "must be > 0"),
            "Time-biased reservoirs: event time over which an example's weight halves."),
    SAMPLING_MODE("sampling.mode", "curriculum", Type.choice(SamplingConfig.Mode.class),
            "Class mix of each retraining batch: none (no batch: the online learner as it stands is the challenger), natural, curriculum (balanced at first, towards natural over rounds), performance (curriculum, plus the class with the lowest recent recall oversampled and a well-classified majority undersampled), oversample or undersample."),
    SAMPLING_BATCH_SIZE("sampling.batch.size", "40000", Type.integer(2, 10_000_000),
            "Examples drawn per retraining batch. 40 000 suits the trees (they fit each batch afresh, one every model.publish.every outcomes); the linear family alone ranks better with 4 000 and sampling.curriculum.cap=1 (see config/replay/history-linear.properties)."),
    SAMPLING_EPOCHS("sampling.epochs", "2", Type.integer(1, 1000),
            "Passes over the batch when training a challenger."),
    SAMPLING_STEP_MEMORY("sampling.step.memory", "0.7", Type.number(v -> v >= 0 && v <= 1, "in [0, 1]"),
            "Share of its AdaGrad step history a challenger keeps when it trains on a batch: 1 keeps it all (a batch barely moves a model that has seen a long stream), 0 starts the steps afresh (the batch dominates); in between, a challenger can follow a drift without forgetting what it knows."),
    SAMPLING_CURRICULUM_SCHEDULE("sampling.curriculum.schedule", "linear", Type.choice(SamplingConfig.Schedule.class),
            "How the curriculum's alpha rises with the round t: linear (t / rounds) or exponential (1 - exp(-t / rounds))."),
    SAMPLING_CURRICULUM_ROUNDS("sampling.curriculum.rounds", "10", Type.integer(1, Integer.MAX_VALUE),
            "Rounds over which the curriculum's alpha rises."),
    SAMPLING_CURRICULUM_CAP("sampling.curriculum.cap", "0.5", Type.number(v -> v >= 0 && v <= 1, "in [0, 1]"),
            "Largest alpha of the curriculum: 0 stays balanced, 1 ends at the natural distribution. 0.5 (batches about a quarter fraud) lets the trees see enough frauds; the linear family alone ranks better with 1."),
    SAMPLING_PERFORMANCE_BOOST("sampling.performance.boost", "1", Type.nonNegative(),
            "Performance-driven sampling: the class with the lowest recall has its share multiplied by 1 + boost * (1 - recall)."),
    SAMPLING_PERFORMANCE_WELL_CLASSIFIED("sampling.performance.well.classified", "0.95", Type.number(v -> v > 0 && v < 1, "in (0, 1)"),
            "Performance-driven sampling: the majority is undersampled only while its recall (specificity) is at least this."),
    SAMPLING_SYNTHETIC("sampling.synthetic", "none", Type.choice(Synthetic.Method.class),
            "Synthetic frauds in place of repeated ones when a batch wants more frauds than the reservoir holds: none, smote, borderline (Borderline-SMOTE), adasyn or mixup (each fraud mixed with another drawn at random, at a Beta(0.4, 0.4) position between them)."),
    SAMPLING_SYNTHETIC_NEIGHBOURS("sampling.synthetic.neighbours", "5", Type.integer(1, 100),
            "k nearest neighbours of the synthetic methods."),
    SAMPLING_TOMEK("sampling.tomek", "false", Type.bool(),
            "Drop legitimate examples in Tomek links with frauds from each batch."),
    THRESHOLD_POLICY("threshold.policy", "cost", Type.choice(ThresholdPolicy.Kind.class),
            "How each promoted model's review threshold is chosen on the holdout: fixed (threshold.review), cost (least total cost under cost.review and cost.missed.fraud), precision (the lowest threshold with precision >= threshold.target.precision) or budget (at most threshold.alerts.per.day alerts)."),
    THRESHOLD_TARGET_PRECISION("threshold.target.precision", "0.5", Type.number(v -> v > 0 && v <= 1, "in (0, 1]"),
            "Target precision of threshold.policy=precision."),
    THRESHOLD_ALERTS_PER_DAY("threshold.alerts.per.day", "1000", Type.positive(),
            "Alert budget of threshold.policy=budget, for the whole stream."),
    THRESHOLD_BLOCK_PRECISION("threshold.block.precision", "0.9", Type.number(v -> v > 0 && v <= 1, "in (0, 1]"),
            "Unless the policy is fixed: the block threshold is the lowest one at or above the review threshold with this holdout precision (else threshold.block)."),
    COST_REVIEW("cost.review", "5", Type.nonNegative(),
            "Cost of one alert (a review), fraud or not."),
    COST_MISSED_FRAUD("cost.missed.fraud", "amount", Type.amountOrCost(),
            "Cost of a missed fraud: amount (its amount) or a fixed number."),
    LEARNER_MAX_FEATURES("learner.max.features", "1024", Type.integer(1, 1_000_000),
            "Most distinct feature names a model learns; later names are ignored."),
    FEATURES_ATTRIBUTE_BUCKETS("features.attribute.buckets", "32", Type.integer(1, 1 << 16),
            "Hash buckets per categorical attribute."),
    FEATURES_HISTORY("features.history", "true", Type.bool(),
            "Per-card and per-merchant history features (card history in the scoring task, merchant counters from a global store); false scores on the transaction's own fields only."),
    INPUT_KEYED_BY_CARD("input.keyed-by-card", "true", Type.bool(),
            "Transactions are keyed by card id (the producer contract, with the producer's default partitioner and topics.partitions partitions): each is scored in the task its key sends it to, one exactly-once hop; one keyed otherwise is re-keyed through the repartition by card (fraud_transactions_rekeyed_total). false: every transaction goes through the repartition by card."),
    FEATURES_CARD_WINDOWS("features.card.windows", "1h,1d,7d,30d", Type.windows(),
            "Windows of the per-card count, mean and spread of amounts (comma-separated durations)."),
    FEATURES_MERCHANT_WINDOWS("features.merchant.windows", "1d,7d,30d", Type.windows(),
            "Windows of the per-merchant count and fraud rate, each shifted back by features.merchant.delay."),
    FEATURES_MERCHANT_DELAY("features.merchant.delay", "7d", Type.duration(),
            "How far back merchant windows are shifted, so that they use labels already known (the typical label delay)."),
    FEATURES_MERCHANT_SMOOTHING("features.merchant.smoothing", "10", Type.nonNegative(),
            "Weight k of the prior in a merchant's smoothed fraud rate (frauds + k*prior) / (transactions + k)."),
    LABELS_MATURITY("labels.maturity", "7d", Type.duration(),
            "Event time after which a transaction's label is taken as complete (chargebacks included): the learner's holdout judges only transactions this much older than the newest label, trees fit only batch examples this much older than the batch's newest, and every metrics window is also measured on such transactions (tag labels=mature). Set it to the delay by which nearly all labels of both classes have come (at least pending.horizon if legitimate labels are never sent); 0s takes labels as complete at once (no mature metrics windows)."),
    PENDING_HORIZON("pending.horizon", "60d", Type.duration(Duration.ofMinutes(1), "must be at least 1m"),
            "How long (event time) a scored transaction waits for its label before it is taken as legitimate."),
    METRICS_WINDOWS("metrics.windows", "10000,1h,24h", Type.evaluationWindows(),
            "Rolling metric windows, comma-separated: a number N (the last N labelled outcomes, tag window=lastN) or a duration (transactions within that much event time of the latest label, tag window=1h). A window keeps every outcome it holds in memory (about 150 bytes each) and in a changelogged store, and each publication walks it: at most metrics.window.max-outcomes each."),
    METRICS_WINDOW_MAX_OUTCOMES("metrics.window.max-outcomes", "200000", Type.integer(1, 100_000_000),
            "Most labelled outcomes one metrics window holds. A time window that would hold more keeps the latest by event time and covers less than its span (fraud_window_capped_total counts the outcomes it let go early); no count window may be larger. It bounds each window's memory (about 150 bytes an outcome), its store and restore, and each publication's walk (about 15 ms a view at 200 000, JMH EvaluationBenchmark.readWindow): without it a 24h window holds 173 million outcomes at 2 000 labels/s. The default caps a 24h window once more than 2.3 outcomes a second are labelled within the day; at a 0.1% fraud rate a full window still holds 200 frauds. What mature windows keep waiting is bounded by metrics.mature.max-pending."),
    METRICS_MATURE("metrics.mature", "true", Type.bool(),
            "Whether every metrics window is also measured on mature labels (tag labels=mature, transactions older than labels.maturity). Such a window keeps each outcome labelled within labels.maturity until its transaction is that old (fraud_window_pending), up to metrics.mature.max-pending. false drops the mature windows and leaves learning as it is."),
    METRICS_MATURE_MAX_PENDING("metrics.mature.max-pending", "1000000", Type.integer(1, 1_000_000_000),
            "Most labelled outcomes kept waiting to mature for the mature windows (about 150 bytes each in memory, and in the store). Every one joins them later, so when a label follows every transaction this is labels.maturity of labels (1.2 billion at 2 000 labels/s and 7 days). When more would wait, the mature windows go over to a sample of cards (by a hash of the card id), halving it each time the bound is reached again and never growing it back: fraud_window_sampled_one_in says one card in how many. Their ratios (precision, recall, PR-AUC, ROC-AUC, F-beta, MCC, savings) then estimate the whole window's, Card Precision@k is read at k/n, and their counts and cost are the sample's. The default holds 7 days of 1.65 labels a second (143 000 a day) whole."),
    METRICS_BETA("metrics.beta", "2", Type.positive(),
            "Beta of the F-beta metric (2 weighs recall above precision)."),
    METRICS_CARD_K("metrics.card.k", "100", Type.integer(1, 1_000_000),
            "k of Card Precision@k: the share of compromised cards among the k highest-scored cards of each day."),
    METRICS_INTERVAL("metrics.interval", "5s", Type.duration(Duration.ofMillis(100), "must be at least 100ms"),
            "How often (wall clock) rolling metrics are recomputed and published."),
    ROCKSDB_MEMORY_MB("rocksdb.memory.mb", "128", Type.integer(16, 1 << 20),
            "Off-heap memory, in MB, that all the process's RocksDB state stores share: one block cache (index and filter blocks included) with the memtables charged to it. Kafka Streams' own default gives every store instance its own 50 MB cache and up to 48 MB of memtables."),
    STATE_KEY_VALUE_STORES("state.key-value-stores", "rocksdb", Type.oneOf("rocksdb", "memory"),
            "Where the key-value stores keep their data: rocksdb (on disk, within rocksdb.memory.mb) or memory (Kafka Streams' in-memory store, changelogged the same way). They are the pending join (every scored transaction until its label comes or pending.horizon passes: about 450 bytes of heap each in memory with bench's transactions), the learner's state and holdout, the evaluator's windows and the tasks' start markers. memory took 10-17% off the time to learn from every label of a million in three sets of runs (docs/performance.md), but the heap must hold pending.horizon of transactions, and every start restores each store whole from its changelog. For a short horizon and a heap sized for it. Window stores (card history, duplicates, merchant days) stay in RocksDB: Kafka's in-memory window store visits every timestamp of a range it fetches."),
    METRICS_BACKGROUND("metrics.background", "true", Type.bool(),
            "Keep the rolling evaluator on a thread of its own: outcomes are handed to it and every publication (a walk of every window) runs there, so the stream thread, which also scores, never waits for it; metrics reach the meters and the metrics topic up to one metrics.interval later. false: on the stream thread (deterministic in TopologyTestDriver)."),
    INPUT_MAX_FUTURE("input.max.future", "5m", Type.duration(),
            "Transactions, labels and records of the outcomes topic (by their label time) dated more than this ahead of the wall clock are dead-lettered (timestamp.future), so that no record moves event time (stream time, the pending horizon, history windows, the evaluator's clock) into the future; keep it well under the broker's log.message.timestamp.after.max.ms (1h by default), which refuses writes dated further ahead."),
    INPUT_MAX_AGE("input.max.age", "1d", Type.duration(Duration.ofMillis(1), "must be positive"),
            "Transactions and labels dated more than this before the newest accepted on their partition are dead-lettered (timestamp.too-old): one stale record cannot reach history windows that have moved on."),
    INPUT_MAX_RECORD_BYTES("input.max.record.bytes", Integer.toString(InputLimits.DEFAULT.maxRecordBytes()), Type.integer(256, ModelSnapshot.MAX_BYTES),
            "Largest transaction or label value, in bytes (value.too-large)."),
    INPUT_MAX_ID_LENGTH("input.max.id.length", Integer.toString(InputLimits.DEFAULT.maxIdLength()), Type.integer(1, 65_536),
            "Longest transaction id, in characters (id.too-long, transactionId.too-long)."),
    INPUT_MAX_NAME_LENGTH("input.max.name.length", Integer.toString(InputLimits.DEFAULT.maxNameLength()), Type.integer(1, 65_536),
            "Longest cardId, merchantId, currency, feature name, attribute name or value, in characters (<field>.too-long)."),
    INPUT_MAX_FEATURES("input.max.features", Integer.toString(InputLimits.DEFAULT.maxFeatures()), Type.integer(0, 100_000),
            "Most entries in a transaction's features (features.too-many)."),
    INPUT_MAX_ATTRIBUTES("input.max.attributes", Integer.toString(InputLimits.DEFAULT.maxAttributes()), Type.integer(0, 100_000),
            "Most entries in a transaction's attributes (attributes.too-many)."),
    HTTP_PORT("http.port", "9464", Type.integer(-1, 65_535),
            "Port of the HTTP endpoint (/metrics, /health/live, /health/ready); 0 picks a free port, -1 disables it."),
    HTTP_BIND("http.bind", "0.0.0.0", Type.address(),
            "Address the HTTP endpoint listens on: 0.0.0.0 (every interface, so that Prometheus and Kubernetes probes reach it) or one address, e.g. 127.0.0.1 to keep it on the machine.");

    public static final String PREFIX = "fraudstream.";
    private final String name;
    private final String defaultValue;
    private final Type<?> type;
    private final String doc;

    Key(final String suffix, final String defaultValue, final Type<?> type, final String doc) {
        this.name = PREFIX + suffix;
        this.defaultValue = defaultValue;
        this.type = type;
        this.doc = doc;
    }

    /** What the key accepts; {@link Settings} parses every key with it, once, at start. */
    public Type<?> type() {
        return type;
    }

    public String key() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** Environment variable overriding this key: {@code fraudstream.topics.partitions} → {@code FRAUDSTREAM_TOPICS_PARTITIONS}. */
    public String envName() {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static Key byName(final String key) {
        for (Key k : values()) {
            if (k.name.equals(key)) {
                return k;
            }
        }
        return null;
    }
}
