package io.mape.knowledge;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A FIFO queue ({@link Knowledge#queue}) or a LIFO queue ({@link Knowledge#lifoQueue}), stored as a Redis list:
 * {@code offer} appends at the tail (RPUSH); a FIFO queue takes from the head (LPOP, BLPOP), a LIFO queue from the
 * tail (RPOP, BRPOP). Thread-safe; any number of producers and consumers, in this process or others.
 *
 * @param <V> the type of the elements
 */
public interface KQueue<V> extends KCollection {

    /** Adds {@code value} (RPUSH); the new size. Never blocks for room. Event {@code rpush}. */
    long offer(V value);

    /** Removes and returns the next element, or {@code null} when empty; never waits. Event {@code lpop} (FIFO) or {@code rpop} (LIFO). */
    V poll();

    /**
     * Removes and returns the next element, waiting up to {@code timeout} for one (BLPOP / BRPOP); {@code null}
     * when none came. Waiting consumers are served first come, first served. Blocks the calling thread; an
     * interrupt ends the wait with a {@link KnowledgeException}, the interrupt flag set, and no element lost.
     *
     * @param timeout how long to wait, positive
     */
    V take(Duration timeout);

    /** The next element without removing it, or {@code null}. */
    V peek();

    /** Async {@link #offer}. */
    CompletionStage<Long> offerAsync(V value);

    /** Async {@link #poll}. */
    CompletionStage<V> pollAsync();

    /**
     * Async {@link #take}: completes with the element or with {@code null} at the timeout, without holding a thread
     * while it waits. Cancelling the returned stage does not withdraw the wait.
     */
    CompletionStage<V> takeAsync(Duration timeout);

    /** Async {@link #peek}. */
    CompletionStage<V> peekAsync();
}
