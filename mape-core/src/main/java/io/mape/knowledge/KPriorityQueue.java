package io.mape.knowledge;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A priority queue, lowest priority first, stored as a Redis sorted set (ZADD, ZPOPMIN, BZPOPMIN). Like a Redis
 * sorted set it holds each value once: offering a value already queued (same JSON) only changes its priority.
 * Equal priorities leave in the order of their JSON. Thread-safe.
 *
 * @param <V> the type of the elements
 */
public interface KPriorityQueue<V> extends KCollection {

    /** Queues {@code value} with {@code priority} (ZADD); whether it was not queued yet. Event {@code zadd} when something changed. */
    boolean offer(V value, double priority);

    /** Removes and returns the element of lowest priority (ZPOPMIN), or {@code null}. Event {@code zpopmin}. */
    V poll();

    /**
     * Removes and returns the element of lowest priority, waiting up to {@code timeout} for one (BZPOPMIN);
     * {@code null} when none came. Blocks; an interrupt ends the wait with a {@link KnowledgeException}, the
     * interrupt flag set, and no element lost.
     *
     * @param timeout how long to wait, positive
     */
    V take(Duration timeout);

    /** The element of lowest priority without removing it, or {@code null}. */
    Scored<V> peek();

    /** Async {@link #offer}. */
    CompletionStage<Boolean> offerAsync(V value, double priority);

    /** Async {@link #poll}. */
    CompletionStage<V> pollAsync();

    /** Async {@link #take}, holding no thread while it waits; cancelling the stage does not withdraw the wait. */
    CompletionStage<V> takeAsync(Duration timeout);

    /** Async {@link #peek}. */
    CompletionStage<Scored<V>> peekAsync();
}
