package io.fraudstream.topology;

import io.fraudstream.stage.HistoryStart;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.WindowStore;

/**
 * What the history stages' adapters share: the entity's window store, the start of the known history (kept in a
 * store of its own), and the context to forward what they produce to.
 *
 * @param <I> the stage's input
 * @param <O> what it forwards
 */
abstract class HistoryStage<I, O> implements Processor<String, I, String, O> {
    private final String storeName;
    private final String sinceStoreName;
    protected ProcessorContext<String, O> context;
    protected WindowStore<String, byte[]> store;
    protected HistoryStart start;

    HistoryStage(final String storeName, final String sinceStoreName) {
        this.storeName = storeName;
        this.sinceStoreName = sinceStoreName;
    }

    @Override
    public void init(final ProcessorContext<String, O> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.start = new HistoryStart(StoreAdapters.since(context.getStateStore(sinceStoreName)));
        init();
    }

    /** Builds the stage's core once the stores are there. */
    abstract void init();
}
