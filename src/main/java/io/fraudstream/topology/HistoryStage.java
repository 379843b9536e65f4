package io.fraudstream.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.WindowStore;

/**
 * What the history stages share: a window store of the entity's activity, the start of the known history, and the
 * context to forward enriched transactions to.
 *
 * @param <I> the stage's input
 */
abstract class HistoryStage<I> implements Processor<String, I, String, EnrichedTransaction> {
    private final String storeName;
    private final String sinceStoreName;
    protected ProcessorContext<String, EnrichedTransaction> context;
    protected WindowStore<String, byte[]> store;
    protected HistoryStart start;

    HistoryStage(final String storeName, final String sinceStoreName) {
        this.storeName = storeName;
        this.sinceStoreName = sinceStoreName;
    }

    @Override
    public void init(final ProcessorContext<String, EnrichedTransaction> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.start = new HistoryStart(context.getStateStore(sinceStoreName));
    }
}
