package org.sxcascade.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a sweep on this machine's cores. Worker threads, each with its own {@link PointEvaluator}
 * (and so its own solver), claim small chunks of points in index order ({@link #chunk}) and format
 * their rows; a
 * reorder buffer hands the rows to the calling thread, which writes them in point order and
 * flushes per batch. The output is therefore the same for any number of threads. With
 * {@code warmStart: true} a worker claims whole blocks of {@value PointEvaluator#WARM_BLOCK} points
 * (the first claim after a resume: the rest of its block), so that no point is solved twice.
 */
public final class LocalSweep {
    /** Most points a worker claims at a time (fast simulate points; see {@link #chunk}). */
    private static final int MAX_CHUNK = 16;
    /** Rows between flushes (at most; also flushed every {@link #FLUSH_NANOS}). */
    private static final int FLUSH_ROWS = 4096;
    private static final long FLUSH_NANOS = 250_000_000L;

    /** Told of progress by the writing thread. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param done  the shard's points written so far (including those written before a resume)
         * @param total the shard's points
         */
        void progress(long done, long total);
    }

    /**
     * What a run did.
     *
     * @param total    the shard's points
     * @param resumed  points already written before this run (resume)
     * @param run      points evaluated by this run
     * @param statuses rows of this run by status
     * @param nanos    wall-clock time of this run
     * @param threads  worker threads
     * @param warmStarts    rows of this run solved from the previous point's steady state ({@code warmStart: true})
     * @param warmFallbacks rows of this run whose warm start failed, so that they were solved cold
     */
    public record Summary(long total, long resumed, long run, Map<SweepRow.Status, Long> statuses, long nanos,
                          int threads, long warmStarts, long warmFallbacks) {
    }

    private final SweepSpec spec;
    private final int threads;

    /**
     * A runner of a spec.
     *
     * @param spec    the sweep
     * @param threads worker threads, ≥ 1
     */
    public LocalSweep(SweepSpec spec, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads);
        }
        this.spec = spec;
        this.threads = threads;
    }

    /**
     * Runs the shard's points from its {@code firstOrdinal}-th on (0 for a fresh run; the first
     * missing one after a resume), writing each row to the sink in point order.
     *
     * @param shard        the slice of the sweep's points to run ({@link Shard#ALL} for all)
     * @param firstOrdinal the first of the shard's points to run, by its place in the shard
     * @param sink         formats rows (on the worker threads) and writes them (on this thread)
     * @param listener     told of progress after each flush, or {@code null}
     * @param <T>          the sink's formatted form of a row
     * @return what this run did (its points, time and rows by status)
     * @throws IOException what the sink threw; rows before the failing one were written
     */
    public <T> Summary run(Shard shard, long firstOrdinal, RowSink<T> sink, Listener listener) throws IOException {
        long start = System.nanoTime();
        PointSampler sampler = PointSampler.of(spec);
        RowFormat format = new RowFormat(spec);
        long total = shard.count(sampler.size());
        Map<SweepRow.Status, Long> statuses = new EnumMap<>(SweepRow.Status.class);
        if (firstOrdinal >= total) {
            return new Summary(total, total, 0, statuses, 0, threads, 0, 0);
        }
        // mass-action points take a good part of a second each: handed out one at a time, as design's;
        // with warm starts, whole blocks of points (in the whole sweep: ordinal = index), so that no
        // worker re-solves the start of a block another one has solved
        boolean blocks = spec.task().warmStart() && shard.n() == 1;
        int chunk = blocks ? PointEvaluator.WARM_BLOCK
                : spec.massAction() ? 1 : chunk(spec.task().kind(), total - firstOrdinal, threads);
        Reorder buffer = new Reorder(firstOrdinal, Math.max(4096, chunk * threads * 16));
        AtomicLong next = new AtomicLong(firstOrdinal);
        AtomicLong warmStarts = new AtomicLong();
        AtomicLong warmFallbacks = new AtomicLong();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    PointEvaluator evaluator = new PointEvaluator(spec, sampler, format);
                    while (true) {
                        long first = blocks ? next.getAndUpdate(o -> (o / chunk + 1) * chunk) : next.getAndAdd(chunk);
                        if (first >= total || buffer.aborted()) {
                            return;
                        }
                        int n = (int) Math.min(blocks ? chunk - first % chunk : chunk, total - first);
                        Object[] claimed = new Object[n];
                        long warm = evaluator.warmStarts();
                        long fellBack = evaluator.warmFallbacks();
                        for (int i = 0; i < n; i++) {
                            SweepRow row = evaluator.evaluate(shard.point(first + i));
                            claimed[i] = new Item<>(row.status(), sink.format(row));
                        }
                        if (spec.task().warmStart()) {
                            warmStarts.addAndGet(evaluator.warmStarts() - warm);
                            warmFallbacks.addAndGet(evaluator.warmFallbacks() - fellBack);
                        }
                        buffer.put(first, claimed);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {
                    buffer.abort(e);
                }
            }, "sweep-worker-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        long written = firstOrdinal;
        long lastFlush = System.nanoTime();
        int unflushed = 0;
        try {
            while (written < total) {
                Object[] items = buffer.take();
                for (Object o : items) {
                    @SuppressWarnings("unchecked")
                    Item<T> item = (Item<T>) o;
                    sink.write(item.formatted());
                    statuses.merge(item.status(), 1L, Long::sum);
                }
                written += items.length;
                unflushed += items.length;
                long now = System.nanoTime();
                if (unflushed >= FLUSH_ROWS || now - lastFlush >= FLUSH_NANOS || written == total) {
                    sink.flush();
                    unflushed = 0;
                    lastFlush = now;
                    if (listener != null) {
                        listener.progress(written, total);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            buffer.abort(e);
            throw new IOException("interrupted", e);
        } catch (IOException | RuntimeException | Error e) {
            buffer.abort(e);
            throw e;
        } finally {
            sink.flush();
            for (Thread w : workers) {
                w.interrupt();
            }
        }
        return new Summary(total, firstOrdinal, total - firstOrdinal, statuses, System.nanoTime() - start, threads,
                warmStarts.get(), warmFallbacks.get());
    }

    /**
     * Points a worker claims at a time: one for design and optimize (slow points, many steady
     * states each), else enough for every thread to get about eight chunks, from 1 to
     * {@value #MAX_CHUNK}. Chunks of 16 save the shared counter's traffic on fast simulate
     * points; smaller ones keep a short sweep on all threads and the progress moving.
     *
     * @param kind    what runs at each point
     * @param points  points this run evaluates
     * @param threads worker threads
     * @return the chunk size, 1 … {@value #MAX_CHUNK}
     */
    static int chunk(SweepTask.Kind kind, long points, int threads) {
        if (kind != SweepTask.Kind.SIMULATE) {
            return 1;
        }
        return (int) Math.max(1, Math.min(MAX_CHUNK, points / (threads * 8L)));
    }

    private record Item<T>(SweepRow.Status status, T formatted) {
    }

    /** Rows by ordinal in a bounded window; workers block while they are too far ahead of the writer. */
    private static final class Reorder {
        private final Object[] slots;
        private long base;
        private Throwable failure;

        Reorder(long base, int window) {
            this.base = base;
            this.slots = new Object[window];
        }

        synchronized boolean aborted() {
            return failure != null;
        }

        synchronized void abort(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            notifyAll();
        }

        /** Stores the rows of ordinals first … first + rows.length − 1. */
        synchronized void put(long first, Object[] rows) throws InterruptedException {
            while (first + rows.length > base + slots.length && failure == null) {
                wait();
            }
            for (int i = 0; i < rows.length; i++) {
                slots[(int) ((first + i) % slots.length)] = rows[i];
            }
            if (first <= base) {
                notifyAll();
            }
        }

        /** Takes every row ready from the next ordinal on (at least one). */
        synchronized Object[] take() throws InterruptedException {
            while (slots[(int) (base % slots.length)] == null) {
                if (failure != null) {
                    if (failure instanceof Error err) {
                        throw err;
                    }
                    if (failure instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new UncheckedIOException(new IOException("a sweep worker failed: " + failure, failure));
                }
                wait();
            }
            int n = 0;
            while (n < slots.length && slots[(int) ((base + n) % slots.length)] != null) {
                n++;
            }
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                int s = (int) ((base + i) % slots.length);
                out[i] = slots[s];
                slots[s] = null;
            }
            base += n;
            notifyAll();
            return out;
        }
    }
}
