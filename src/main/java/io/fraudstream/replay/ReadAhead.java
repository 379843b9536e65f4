package io.fraudstream.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link RowReader} run on a thread of its own, its rows handed over in chunks, in file order: decompressing and
 * splitting the file overlaps the caller's parsing of the rows (the two halves of reading a replay's input, a few
 * seconds each for millions of rows). A read failure reaches the caller as the reader threw it (an {@link Error}
 * too: the caller must never wait for a thread that died); closing stops the thread and closes the file.
 *
 * <p>What waits in the hand-over is bounded in values, not rows: a parsed row is a map of its fields (some 110 bytes
 * a field), so the 16 chunks of 4 096 rows this once held were 70 MB for a file of 11 columns and 3.3 GB for one of
 * 394 (the IEEE-CIS layout), which a 1 GB heap could not hold. A chunk now holds about {@value #CHUNK_VALUES} values,
 * whatever the width, and at most {@value #CHUNKS_WAITING} wait.
 */
final class ReadAhead implements Iterator<RowReader.Row>, Closeable {
    private static final int CHUNK_VALUES = 40_000;
    private static final int CHUNKS_WAITING = 8;
    /** The end of the file (an empty chunk is never sent otherwise). */
    private static final List<RowReader.Row> END = List.of();
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(CHUNKS_WAITING);
    private final Thread thread;
    private List<RowReader.Row> chunk = new ArrayList<>();
    private int next;
    private boolean ended;

    ReadAhead(final RowReader reader) {
        this(reader, reader);
    }

    /** Reads {@code rows} ahead, then closes {@code source}. */
    ReadAhead(final Iterator<RowReader.Row> rows, final Closeable source) {
        thread = new Thread(() -> {
            Object last = END;
            try (source) {
                List<RowReader.Row> chunk = new ArrayList<>();
                int values = 0;
                while (rows.hasNext()) {
                    final RowReader.Row row = rows.next();
                    chunk.add(row);
                    values += Math.max(1, row.values().size());
                    if (values >= CHUNK_VALUES) {
                        chunks.put(chunk);
                        chunk = new ArrayList<>();
                        values = 0;
                    }
                }
                if (!chunk.isEmpty()) {
                    chunks.put(chunk);
                }
            } catch (InterruptedException e) {
                return; // closed: the caller reads no more
            } catch (IOException e) {
                last = new UncheckedIOException(e);
            } catch (RuntimeException | Error e) {
                last = e;
            }
            try {
                chunks.put(last);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fraudstream-replay-read");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean hasNext() {
        while (next == chunk.size() && !ended) {
            final Object taken;
            try {
                taken = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
            if (taken instanceof RuntimeException failure) {
                throw failure;
            }
            if (taken instanceof Error failure) {
                throw failure;
            }
            @SuppressWarnings("unchecked")
            final List<RowReader.Row> rows = (List<RowReader.Row>) taken;
            ended = rows == END;
            chunk = rows;
            next = 0;
        }
        return next < chunk.size();
    }

    @Override
    public RowReader.Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.get(next++);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
