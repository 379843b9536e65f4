package io.fraudstream.codec;

import io.fraudstream.event.InvalidRecordException;
import io.fraudstream.feature.MerchantActivity;
import io.fraudstream.stage.MerchantCounts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The merchant-activity topic's record: one merchant's counters of one day after a change, as the merchant-count
 * task publishes them to every scoring task. Key: the merchant and the day (so compaction keeps the latest counters
 * of each); value: day start and history start (8 bytes each), the 48 counters (4 bytes each), then the merchant id
 * (UTF-8), 208 bytes and the id. Reading one checks what a producer could have broken (length, day alignment,
 * negative counters): a record that fails is refused with a reason, never installed.
 */
public final class MerchantDayCodec {
    private static final int FIXED = 8 + 8 + 48 * 4;

    private MerchantDayCodec() {
    }

    public static String key(final MerchantCounts.Update u) {
        return u.day() / MerchantActivity.DAY + "/" + u.merchant();
    }

    public static byte[] encode(final MerchantCounts.Update u) {
        final byte[] merchant = u.merchant().getBytes(StandardCharsets.UTF_8);
        final ByteBuffer b = ByteBuffer.allocate(FIXED + merchant.length).putLong(u.day()).putLong(u.since());
        for (int c : u.counters()) {
            b.putInt(c);
        }
        return b.put(merchant).array();
    }

    public static MerchantCounts.Update decode(final byte[] bytes) {
        if (bytes == null) {
            throw new InvalidRecordException("merchant.tombstone", "a merchant-activity record without a value");
        }
        if (bytes.length <= FIXED) {
            throw new InvalidRecordException("merchant.malformed", "a merchant-activity record of " + bytes.length
                    + " bytes (at least " + (FIXED + 1) + ")");
        }
        final ByteBuffer b = ByteBuffer.wrap(bytes);
        final long day = b.getLong();
        final long since = b.getLong();
        if (Math.floorMod(day, MerchantActivity.DAY) != 0) {
            throw new InvalidRecordException("merchant.malformed", "day " + day + " is not the start of a UTC day");
        }
        final int[] counters = new int[48];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = b.getInt();
            if (counters[i] < 0) {
                throw new InvalidRecordException("merchant.malformed", "a negative counter");
            }
        }
        final String merchant = new String(bytes, FIXED, bytes.length - FIXED, StandardCharsets.UTF_8);
        return new MerchantCounts.Update(merchant, day, counters, since);
    }
}
