package io.fraudstream.learn;

/**
 * The per-example loss the online learner descends, as a function of the predicted fraud probability p, and its
 * gradient with respect to the logit (what a logistic model's update needs).
 * <ul>
 *   <li>{@code log}: the log loss, −log p_t; gradient p − y.</li>
 *   <li>{@code focal}: the focal loss of Lin et al. ("Focal Loss for Dense Object Detection", ICCV 2017),
 *       −α_t (1 − p_t)^γ log p_t, where p_t is the probability of the true class and α_t = α for fraud, 1 − α for
 *       legitimate: easy, well-classified examples (most legitimate transactions) count for little, so the
 *       rare hard ones drive learning. γ = 0 and α = ½ give half the log loss. Gradients:
 *       fraud α (1 − p)^γ (γ p log p + p − 1); legitimate (1 − α) p^γ (p − γ (1 − p) log(1 − p)).</li>
 * </ul>
 * Class weights multiply either loss ("focal loss combined with class-balanced weights").
 *
 * @param kind  log or focal
 * @param gamma focusing parameter γ ≥ 0 (focal only)
 * @param alpha weight α of the fraud class in (0, 1) (focal only)
 */
public record Loss(Kind kind, double gamma, double alpha) {
    /** The loss family. */
    public enum Kind { LOG, FOCAL }

    private static final double TINY = 1e-15;

    public Loss {
        if (!(gamma >= 0) || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("focal loss needs gamma >= 0 and 0 < alpha < 1");
        }
    }

    public static Loss log() {
        return new Loss(Kind.LOG, 0, 0.5);
    }

    public static Loss focal(final double gamma, final double alpha) {
        return new Loss(Kind.FOCAL, gamma, alpha);
    }

    /** The loss of predicting fraud probability {@code p} for an example of class {@code fraud}. */
    public double value(final double p, final boolean fraud) {
        final double pt = Math.max(TINY, fraud ? p : 1 - p);
        if (kind == Kind.LOG) {
            return -Math.log(pt);
        }
        return -(fraud ? alpha : 1 - alpha) * Math.pow(1 - pt, gamma) * Math.log(pt);
    }

    /** d loss / d logit at fraud probability {@code p}. */
    public double gradient(final double p, final boolean fraud) {
        if (kind == Kind.LOG) {
            return p - (fraud ? 1 : 0);
        }
        if (fraud) {
            return alpha * Math.pow(1 - p, gamma) * (gamma * p * Math.log(Math.max(TINY, p)) + p - 1);
        }
        return (1 - alpha) * Math.pow(p, gamma) * (p - gamma * (1 - p) * Math.log(Math.max(TINY, 1 - p)));
    }
}
