package io.fraudstream.topology;

import java.util.Locale;

/**
 * Record keys with a fixed meaning on fraudstream's topics. The compacted model topic holds three kinds of record:
 * the current model under {@link #CHAMPION} (what every scorer installs), and every version ever promoted under its
 * own archive key ({@link #archive}), so that compaction keeps the history a rollback picks from; and the learner's
 * latest candidate under {@link #CHALLENGER}, which only the evaluator reads.
 */
public final class TopicKeys {
    /** Key of the model every instance scores with, on the compacted model topic. */
    public static final String CHAMPION = "champion";
    /** Key of the learner's latest candidate, promoted or not: evaluated side by side with the champion. */
    public static final String CHALLENGER = "challenger";
    private static final String ARCHIVE_PREFIX = "version-";

    private TopicKeys() {
    }

    /** Archive key of a model version: {@code version-000000000042}, so keys sort by version. */
    public static String archive(final long version) {
        return ARCHIVE_PREFIX + String.format(Locale.ROOT, "%012d", version);
    }

    public static boolean isArchive(final String key) {
        return key != null && key.startsWith(ARCHIVE_PREFIX);
    }
}
