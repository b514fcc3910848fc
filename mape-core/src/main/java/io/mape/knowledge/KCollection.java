package io.mape.knowledge;

import java.util.concurrent.CompletionStage;

/**
 * What every Knowledge collection has: its key, its size and a way to delete it. A handle: it holds no data and
 * costs nothing to create; an empty collection does not exist in the store. Thread-safe.
 */
public interface KCollection {

    /** The name relative to the scope: {@code cars}. */
    String name();

    /** The full key: {@code k.loop.car_a.cars}. */
    String key();

    /** The number of elements; 0 when the key does not exist. */
    long size();

    /** Deletes the whole collection; whether it existed. Event {@code del}. */
    boolean clear();

    /** Async {@link #size()}. */
    CompletionStage<Long> sizeAsync();

    /** Async {@link #clear()}. */
    CompletionStage<Boolean> clearAsync();
}
