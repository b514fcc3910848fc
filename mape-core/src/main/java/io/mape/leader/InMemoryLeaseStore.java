package io.mape.leader;

import io.mape.leader.spi.LeaseStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Leases in this JVM, for tests and embedded runs with several candidates in one process. Thread-safe: one lock
 * for all leases, held only for a call.
 */
public final class InMemoryLeaseStore implements LeaseStore {

    private record Lease(String owner, long expiresAt) {
    }

    private final LongSupplier nanoTime;
    private final Map<String, Lease> leases = new HashMap<>();
    private final Map<String, Long> tokens = new HashMap<>();

    private InMemoryLeaseStore(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A store on {@link System#nanoTime()}. */
    public static InMemoryLeaseStore create() {
        return new InMemoryLeaseStore(System::nanoTime);
    }

    /** A store on the clock {@code nanoTime} ({@code () -> testScheduler.now(TimeUnit.NANOSECONDS)} in tests). */
    public static InMemoryLeaseStore create(LongSupplier nanoTime) {
        return new InMemoryLeaseStore(Objects.requireNonNull(nanoTime, "nanoTime"));
    }

    @Override
    public synchronized OptionalLong acquire(String name, String owner, Duration ttl) {
        if (holder(name) != null) {
            return OptionalLong.empty();
        }
        leases.put(name, new Lease(owner, nanoTime.getAsLong() + ttl.toNanos()));
        return OptionalLong.of(tokens.merge(name, 1L, Long::sum));
    }

    @Override
    public synchronized boolean renew(String name, String owner, Duration ttl) {
        if (!owner.equals(holder(name))) {
            return false;
        }
        leases.put(name, new Lease(owner, nanoTime.getAsLong() + ttl.toNanos()));
        return true;
    }

    @Override
    public synchronized void release(String name, String owner) {
        if (owner.equals(holder(name))) {
            leases.remove(name);
        }
    }

    /** The owner holding {@code name} now, or null. */
    public synchronized String holder(String name) {
        Lease l = leases.get(name);
        if (l != null && nanoTime.getAsLong() - l.expiresAt() >= 0) {
            leases.remove(name);
            return null;
        }
        return l == null ? null : l.owner();
    }
}
