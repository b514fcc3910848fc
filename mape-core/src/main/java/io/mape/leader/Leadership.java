package io.mape.leader;

import io.mape.internal.Checks;
import io.mape.leader.internal.LeaseElection;
import io.mape.leader.spi.LeaseStore;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * This process's candidacy for one named lease: built, it campaigns at once (tries to take the lease every
 * {@code retryEvery}); holding it, it renews it every {@code renewEvery}; it stops leading when a renewal is
 * refused, or when {@code ttl - driftAllowance} has passed since the last successful acquire or renew was sent
 * (the store unreachable), so it never leads past the time the store could give the lease to another. Each term
 * has a fencing token higher than every earlier term's: stamp plans with it ({@link LeaderOps#stamp}) and let
 * effectors refuse lower ones ({@link LeaderOps#fence}), since a paused or partitioned leader may act late.
 *
 * <p>Thread-safe. {@link #isLeader()} and {@link #fencingToken()} are lock-free reads that also check the
 * deadline. The store is called, and {@link #changes()} emitted, on workers of the builder's scheduler (default
 * {@link Schedulers#io()}); a subscriber must not block them.
 */
public interface Leadership extends AutoCloseable {

    /** A candidate for lease {@code lease} in {@code store}. */
    static Builder builder(LeaseStore store, String lease) {
        return new Builder(store, lease);
    }

    /** The state now, then each change (becoming leader with a new token, losing it). Hot, replays the latest. */
    Observable<LeaderState> changes();

    /** Whether this process leads now. */
    boolean isLeader();

    /** The fencing token of the current term while leading, else 0. */
    long fencingToken();

    /** The state now. */
    LeaderState state();

    /** This candidate's owner token in the store. */
    String owner();

    /** Stops campaigning and gives the lease up if held; {@link #changes()} then completes. Idempotent. */
    @Override
    void close();

    /** Builds and starts a {@link Leadership}; not thread-safe. */
    final class Builder {
        private final LeaseStore store;
        private final String lease;
        private String owner = UUID.randomUUID().toString();
        private LeaseOptions options = LeaseOptions.defaults();
        private Scheduler scheduler = Schedulers.io();
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(LeaseStore store, String lease) {
            this.store = Objects.requireNonNull(store, "store");
            this.lease = Checks.notBlank(lease, "lease");
        }

        /** This candidate's owner token; default a random UUID. Must be unique among the candidates. */
        public Builder owner(String owner) {
            this.owner = Checks.notBlank(owner, "owner");
            return this;
        }

        public Builder options(LeaseOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Where the store is called and the timers run (a {@code TestScheduler} in tests). */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * The monotonic clock, in nanoseconds, for the leader's own deadline; default {@link System#nanoTime()}
         * ({@code () -> testScheduler.now(TimeUnit.NANOSECONDS)} in tests).
         */
        public Builder clock(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** Starts campaigning. */
        public Leadership build() {
            return LeaseElection.start(store, lease, owner, options, scheduler, nanoTime);
        }
    }
}
