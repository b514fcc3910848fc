package io.mape.knowledge;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A set of values, stored as a Redis set of JSON documents: two values are the same member when their JSON is the
 * same (use records or ordered maps as members, not hash maps whose order may vary). Thread-safe.
 *
 * @param <V> the type of the members
 */
public interface KSet<V> extends KCollection {

    /** Adds {@code value} (SADD); whether it was new. Event {@code sadd} when it was. */
    boolean add(V value);

    /** Adds every value (one SADD); how many were new. Event {@code sadd} when any was. */
    long addAll(Collection<? extends V> values);

    /** Removes {@code value} (SREM); whether it was there. Events {@code srem}, then {@code del} when the set became empty. */
    boolean remove(V value);

    /** Whether {@code value} is a member (SISMEMBER). */
    boolean contains(V value);

    /** A copy of the members (SMEMBERS), in no particular order. */
    Set<V> members();

    /** Async {@link #add}. */
    CompletionStage<Boolean> addAsync(V value);

    /** Async {@link #addAll}. */
    CompletionStage<Long> addAllAsync(Collection<? extends V> values);

    /** Async {@link #remove}. */
    CompletionStage<Boolean> removeAsync(V value);

    /** Async {@link #contains}. */
    CompletionStage<Boolean> containsAsync(V value);

    /** Async {@link #members}. */
    CompletionStage<Set<V>> membersAsync();
}
