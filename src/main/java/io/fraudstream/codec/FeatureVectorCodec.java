package io.fraudstream.codec;

import io.fraudstream.event.FeatureVector;
import io.fraudstream.feature.FeatureSchema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A feature vector in binary records, by the feature schema: an engineered feature is written as its index in the
 * schema (one byte) and its value (8), 9 bytes; any other (upstream {@code f.*}, hashed {@code a.*}) by name. Records
 * carry the schema's CRC ({@link #crc()}); read under another schema the indices mean nothing, and the reader drops
 * the features ({@code sameSchema} false). Names read back are the schema's own (interned) strings, so a feature
 * vector read costs no string per engineered feature.
 */
final class FeatureVectorCodec {
    private final String[] names;
    private final Map<String, Integer> indices = new HashMap<>();
    private final int crc;

    FeatureVectorCodec(final FeatureSchema schema) {
        final List<String> all = schema.names();
        this.names = all.stream().map(String::intern).toArray(String[]::new);
        for (int i = 0; i < names.length; i++) {
            indices.put(names[i], i);
        }
        final CRC32 crc32 = new CRC32();
        crc32.update(schema.id().getBytes(StandardCharsets.UTF_8));
        this.crc = (int) crc32.getValue();
    }

    /** The CRC of the schema's id, which every record written with these features carries. */
    int crc() {
        return crc;
    }

    /** {@code x} ready to write: each feature's code (k > 0: schema name k - 1; 0: its name follows). */
    record Planned(FeatureVector x, byte[] codes, byte[][] named, int bytes) {
    }

    Planned plan(final FeatureVector x) {
        final byte[] codes = new byte[x.size()];
        byte[][] named = null;
        int bytes = 2 + 9 * x.size();
        for (int i = 0; i < x.size(); i++) {
            final Integer at = indices.get(x.names()[i]);
            if (at != null && at < 255) {
                codes[i] = (byte) (at + 1);
            } else {
                named = named == null ? new byte[x.size()][] : named;
                named[i] = ByteFields.utf8(x.names()[i]);
                bytes += ByteFields.stringBytes(named[i]);
            }
        }
        return new Planned(x, codes, named, bytes);
    }

    /** Writes {@code p} at {@code b}'s position ({@link Planned#bytes()} of them). */
    void encode(final ByteBuffer b, final Planned p) {
        final FeatureVector x = p.x();
        b.putShort((short) x.size());
        for (int i = 0; i < x.size(); i++) {
            b.put(p.codes()[i]);
            if (p.codes()[i] == 0) {
                ByteFields.putString(b, p.named()[i]);
            }
            b.putDouble(x.values()[i]);
        }
    }

    /** The features at {@code b}'s position; {@link FeatureVector#EMPTY} when written under another schema. */
    FeatureVector decode(final ByteBuffer b, final boolean sameSchema) {
        final int n = b.getShort();
        final String[] featureNames = new String[n];
        final double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            final int code = b.get() & 0xff;
            if (code == 0) {
                final String name = ByteFields.readString(b);
                if (name == null) {
                    throw new IllegalArgumentException("a feature without a name");
                }
                featureNames[i] = name.intern();
            } else if (sameSchema) {
                featureNames[i] = names[code - 1];
            }
            values[i] = b.getDouble();
        }
        return sameSchema ? new FeatureVector(featureNames, values) : FeatureVector.EMPTY;
    }
}
