package io.fraudstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Every store of the process gets the one shared block cache and small memtables charged to it. */
class BoundedRocksDbTest {
    private static BlockBasedTableConfigWithAccessibleCache configure(final Options options) {
        options.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());
        new BoundedRocksDb().setConfig("store", options, Map.of(BoundedRocksDb.MEMORY_CONFIG, "64"));
        return (BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig();
    }

    @Test
    void everyStoreSharesOneCacheAndKeepsSmallMemtables() {
        RocksDB.loadLibrary();
        try (Options a = new Options(); Options b = new Options()) {
            final BlockBasedTableConfigWithAccessibleCache first = configure(a);
            final BlockBasedTableConfigWithAccessibleCache second = configure(b);
            assertThat(first.blockCache()).isNotNull().isSameAs(second.blockCache());
            assertThat(first.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(a.writeBufferSize()).isEqualTo(8L << 20);
            assertThat(a.maxWriteBufferNumber()).isEqualTo(2);
        }
    }
}
