package org.sxcascade.sweep;

import java.io.IOException;

/**
 * Where a runner delivers rows. Formatting may run on any worker thread; writing happens on one
 * thread, in point order.
 *
 * @param <T> the formatted form of a row
 */
public interface RowSink<T> {
    /** Formats a row; called from worker threads, so it must not change shared state. */
    T format(SweepRow row);

    /** Writes a formatted row; rows come in increasing point order, from one thread. */
    void write(T formatted) throws IOException;

    /** Makes what was written so far durable against the process being killed (called per batch). */
    void flush() throws IOException;
}
