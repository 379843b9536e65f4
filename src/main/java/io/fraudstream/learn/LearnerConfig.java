package io.fraudstream.learn;

/**
 * Hyper-parameters of the online logistic learner.
 *
 * @param learningRate     AdaGrad base step
 * @param l1               L1 penalty per update (proximal: a weight whose gradient stays below it is held at 0)
 * @param l2               L2 penalty per update (the shipped default 1e-2: see {@code learner.l2})
 * @param classWeighting   class weight scheme
 * @param maxClassWeight   cap on any class weight (keeps single fraud examples from dominating a step)
 * @param countHalfLife    half-life, in labelled outcomes, of the class counts behind the weights
 * @param maxFeatures      cap on distinct feature names the model learns (bounds its size)
 * @param loss             the loss descended
 * @param effectiveBeta    β of the effective-number class weights
 * @param fixedFraudWeight fraud weight of the fixed class weights
 */
public record LearnerConfig(double learningRate, double l1, double l2, ClassWeighting classWeighting, double maxClassWeight,
                            long countHalfLife, int maxFeatures, Loss loss, double effectiveBeta,
                            double fixedFraudWeight) {
    public LearnerConfig {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0");
        }
        if (!(l1 >= 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException("l1 and l2 must be >= 0");
        }
        if (!(maxClassWeight >= 1)) {
            throw new IllegalArgumentException("maxClassWeight must be >= 1");
        }
        if (!(effectiveBeta > 0 && effectiveBeta < 1) || !(fixedFraudWeight > 0)) {
            throw new IllegalArgumentException("effectiveBeta must be in (0, 1) and fixedFraudWeight > 0");
        }
        if (countHalfLife < 1 || maxFeatures < 1) {
            throw new IllegalArgumentException("countHalfLife and maxFeatures must be >= 1");
        }
    }

    public static LearnerConfig defaults() {
        return new LearnerConfig(0.2, 0, 1e-2, ClassWeighting.NONE, 100, 200_000, 1024, Loss.log(), 0.9999, 10);
    }

    /** The weight of an example of class {@code fraud}, given the effective class counts. */
    public double classWeight(final boolean fraud, final double nFraud, final double nLegit) {
        return classWeighting.weight(fraud, nFraud, nLegit, effectiveBeta, fixedFraudWeight, maxClassWeight);
    }
}
