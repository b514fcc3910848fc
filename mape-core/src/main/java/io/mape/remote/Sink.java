package io.mape.remote;

import io.reactivex.rxjava3.core.Observer;

/**
 * An Observer that sends each item to one channel of a transport, in the order received: link it to any source
 * ({@code element.link(sink)}, {@code observable.subscribe(sink)}). Made by {@link Transport#sink(String)}.
 *
 * <p><b>Threading.</b> {@code onNext} encodes on the pushing thread and hands the item to the sink's outbox without
 * waiting for the server (unless {@link OverflowPolicy#BLOCK} says so); it never throws into the source. Every item
 * is sent, failed, dropped (by reason) or pending, in {@link #stats()}; losses are logged at WARN, rate-limited.
 * Errors and completion of the source are logged, not sent. Thread-safe.
 */
public interface Sink extends Observer<Object>, AutoCloseable, Link {

    /**
     * Unlinks from every source, then waits up to {@link SinkOptions#closeGrace()} for what is pending to be sent;
     * what is left is dropped as {@link DropReason#CLOSED}. Idempotent.
     */
    @Override
    void close();

    boolean isClosed();

    @Override
    default Direction direction() {
        return Direction.SINK;
    }
}
