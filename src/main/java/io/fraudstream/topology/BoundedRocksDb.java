package io.fraudstream.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Every RocksDB store of the process in one bounded budget of off-heap memory ({@code fraudstream.rocksdb.memory.mb},
 * read from {@link #MEMORY_CONFIG}): one shared block cache, which also holds index and filter blocks, and the
 * memtables charged to it through one write-buffer manager. Kafka Streams' own defaults give each store instance a
 * 50 MB block cache and up to three 16 MB memtables, and fraudstream has a dozen stores per task (window stores are
 * several RocksDB instances each): memory that grows with partitions and segments instead of staying put. The
 * pattern is Kafka Streams' documented bounded-memory configuration; the first store opened fixes the budget for
 * the process.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    /** Streams config key carrying the budget in megabytes. */
    public static final String MEMORY_CONFIG = "fraudstream.internal.rocksdb.memory.mb";
    private static final double INDEX_FILTER_SHARE = 0.1;
    private static final long MEMTABLE_SIZE = 8L << 20;
    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        final BlockBasedTableConfigWithAccessibleCache table =
                (BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig();
        final long budget = Long.parseLong(String.valueOf(configs.getOrDefault(MEMORY_CONFIG, "128"))) << 20;
        synchronized (BoundedRocksDb.class) {
            if (cache == null) {
                cache = new LRUCache(budget, -1, false, INDEX_FILTER_SHARE);
                // memtables count against the same budget, a third of it at most
                writeBuffers = new WriteBufferManager(budget / 3, cache);
            }
            table.setBlockCache(cache);
            options.setWriteBufferManager(writeBuffers);
        }
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(final String storeName, final Options options) {
        // the cache and the write-buffer manager are shared by every store of the process: never closed here
    }
}
