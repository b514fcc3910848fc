package io.mape.leader.spi;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where leases live: named, owned by one owner token at a time, expiring unless renewed. The calls block and may
 * throw when the store cannot be reached; {@link io.mape.leader.Leadership} treats that as "unknown" (a leader
 * keeps its term only until its own deadline). Implementations are thread-safe.
 */
public interface LeaseStore extends AutoCloseable {

    /**
     * Takes lease {@code name} for {@code owner} for {@code ttl} if nobody holds it, and returns the fencing token
     * of the new term: higher than every token this store gave for {@code name} before. Empty when it is held.
     */
    OptionalLong acquire(String name, String owner, Duration ttl);

    /** Extends the lease to {@code ttl} from now if {@code owner} still holds it; false if it does not. */
    boolean renew(String name, String owner, Duration ttl);

    /** Gives the lease up if {@code owner} holds it. */
    void release(String name, String owner);

    /** Frees what the store holds (connections); default nothing. */
    @Override
    default void close() {
    }
}
