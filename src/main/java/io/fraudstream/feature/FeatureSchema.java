package io.fraudstream.feature;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The versioned, named, ordered list of features fraudstream engineers (time of day, card and merchant history),
 * with an id that changes whenever the list does. A model records the schema id it was trained with; scorers
 * refuse a model trained under another schema (its weights would be applied to features that mean something
 * else), keep the model they have and count the refusal. Upstream features ({@code f.*}) and hashed attributes
 * ({@code a.*}) come from the data and are not part of the schema.
 *
 * @param names engineered feature names, in order
 */
public record FeatureSchema(List<String> names) {
    /** Bumped when the meaning of an engineered feature changes without its name changing. */
    public static final int VERSION = 1;

    public FeatureSchema {
        names = List.copyOf(names);
    }

    /** The schema of the stateless features, plus the history stages when given. */
    public static FeatureSchema of(final CardHistory card, final MerchantActivity merchant) {
        final List<String> all = new ArrayList<>(FeatureExtractor.BASE_NAMES);
        if (card != null) {
            all.addAll(card.names());
        }
        if (merchant != null) {
            all.addAll(merchant.names());
        }
        return new FeatureSchema(all);
    }

    /** {@code v<VERSION>-<count>-<crc32 of the names>}, e.g. {@code v1-33-5f1a09c2}. */
    public String id() {
        final CRC32 crc = new CRC32();
        crc.update(String.join(",", names).getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "v%d-%d-%08x", VERSION, names.size(), crc.getValue());
    }
}
