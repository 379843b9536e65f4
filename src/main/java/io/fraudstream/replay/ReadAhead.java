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
 * seconds each for millions of rows). A read failure reaches the caller as the reader threw it; closing stops the
 * thread and closes the file.
 */
final class ReadAhead implements Iterator<RowReader.Row>, Closeable {
    private static final int CHUNK = 4096;
    /** The end of the file (an empty chunk is never sent otherwise). */
    private static final List<RowReader.Row> END = List.of();
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(16);
    private final Thread thread;
    private List<RowReader.Row> chunk = new ArrayList<>();
    private int next;
    private boolean ended;

    ReadAhead(final RowReader reader) {
        thread = new Thread(() -> {
            Object last = END;
            try (reader) {
                List<RowReader.Row> rows = new ArrayList<>(CHUNK);
                while (reader.hasNext()) {
                    rows.add(reader.next());
                    if (rows.size() == CHUNK) {
                        chunks.put(rows);
                        rows = new ArrayList<>(CHUNK);
                    }
                }
                if (!rows.isEmpty()) {
                    chunks.put(rows);
                }
            } catch (InterruptedException e) {
                return; // closed: the caller reads no more
            } catch (IOException e) {
                last = new UncheckedIOException(e);
            } catch (RuntimeException e) {
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
