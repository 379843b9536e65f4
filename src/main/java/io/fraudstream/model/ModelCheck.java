package io.fraudstream.model;

import io.fraudstream.event.EventSerdes;
import io.fraudstream.event.InvalidRecordException;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Whether a record of the model topic may be scored with. Anyone with write access to the topic can put anything
 * there, and every scorer would install it: an unparseable record used to put the instance in ERROR, a NaN bias
 * made every score NaN (every decision APPROVE). A snapshot passes only if it parses, is of a known family, was
 * trained on this instance's feature schema, and every parameter is finite and in range.
 *
 * <p>Reason codes (the {@code reason} tag of {@code fraud_model_rejected_total}): {@code value.empty} (a
 * tombstone), {@code json.malformed}, {@code family.unknown}, {@code schema} (another feature schema),
 * {@code parameters.invalid} (arrays of different lengths, a tree pointing outside itself, a null name),
 * {@code parameters.non-finite}, {@code thresholds.out-of-range}.
 */
public final class ModelCheck {
    private static final Deserializer<ModelSnapshot> PARSER = EventSerdes.json(ModelSnapshot.class).deserializer();

    private ModelCheck() {
    }

    /** The snapshot in {@code value}, checked against {@code schema}; else an {@link InvalidRecordException}. */
    public static ModelSnapshot parse(final byte[] value, final String schema) {
        if (value == null || value.length == 0) {
            throw new InvalidRecordException("value.empty", "a model record without a value (tombstone)");
        }
        final ModelSnapshot s;
        try {
            s = PARSER.deserialize(null, value);
        } catch (InvalidRecordException e) {
            throw e.getCause() != null && e.getCause().getCause() instanceof IllegalArgumentException invalid
                    ? new InvalidRecordException("parameters.invalid", invalid.getMessage()) : e;
        } catch (RuntimeException e) {
            throw new InvalidRecordException("json.malformed", "not a model snapshot: " + e.getMessage(), e);
        }
        check(s, schema);
        return s;
    }

    /** Throws an {@link InvalidRecordException} unless {@code s} may be scored with here. */
    public static void check(final ModelSnapshot s, final String schema) {
        if (s == null || s.features() == null || s.weights() == null || s.means() == null || s.scales() == null) {
            throw new InvalidRecordException("parameters.invalid", "a model snapshot without parameters");
        }
        if (s.family() == null || s.family().trees() && s.trees() == null) {
            throw new InvalidRecordException("family.unknown", "model " + s.version() + (s.family() == null
                    ? ": not of a known family (" + ModelFamily.ids() + ")" : ": a trees model without trees"));
        }
        if (!Objects.equals(s.schema(), schema)) {
            throw new InvalidRecordException("schema", "model " + s.version() + " was trained with feature schema "
                    + s.schema() + ", this instance computes " + schema);
        }
        for (String name : s.features()) {
            if (name == null) {
                throw new InvalidRecordException("parameters.invalid", "model " + s.version() + ": a null feature");
            }
        }
        boolean finite = Double.isFinite(s.bias()) && finite(s.weights()) && finite(s.means()) && finite(s.scales());
        for (double scale : s.scales()) {
            finite &= scale > 0;
        }
        if (s.trees() != null) {
            finite &= finite(s.trees().value()) && finite(s.trees().threshold());
        }
        if (s.calibration() != null) {
            finite &= Double.isFinite(s.calibration().a()) && Double.isFinite(s.calibration().b());
        }
        if (!finite) {
            throw new InvalidRecordException("parameters.non-finite", "model " + s.version()
                    + ": a parameter is NaN, infinite or (a scale) not positive");
        }
        if (!(s.reviewThreshold() >= 0 && s.blockThreshold() <= 1 && s.reviewThreshold() <= s.blockThreshold())) {
            throw new InvalidRecordException("thresholds.out-of-range", "model " + s.version() + ": thresholds "
                    + s.reviewThreshold() + " / " + s.blockThreshold() + " are not 0 <= review <= block <= 1");
        }
    }

    private static boolean finite(final double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
