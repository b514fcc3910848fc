package io.mape.knowledge;

import java.time.Duration;
import java.util.Optional;
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

    /**
     * Makes the whole collection expire after {@code ttl} (PEXPIRE); whether it exists (an empty collection does
     * not). Writing to it later keeps the expiry. Event {@code expire}; later {@code expired}.
     *
     * @param ttl positive
     */
    boolean expire(Duration ttl);

    /** The time the collection has left to live (PTTL); empty when it does not exist or does not expire. */
    Optional<Duration> ttl();

    /** Removes the expiry (PERSIST); whether there was one. Event {@code persist} when there was. */
    boolean persist();

    /** Async {@link #expire}. */
    CompletionStage<Boolean> expireAsync(Duration ttl);

    /** Async {@link #ttl}. */
    CompletionStage<Optional<Duration>> ttlAsync();

    /** Async {@link #persist}. */
    CompletionStage<Boolean> persistAsync();

    /** Async {@link #size()}. */
    CompletionStage<Long> sizeAsync();

    /** Async {@link #clear()}. */
    CompletionStage<Boolean> clearAsync();
}
