package io.mape.leader.internal;

import io.mape.internal.LossLog;
import io.mape.leader.LeaderState;
import io.mape.leader.LeaseOptions;
import io.mape.leader.Leadership;
import io.mape.leader.spi.LeaseStore;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.subjects.BehaviorSubject;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign of one {@link Leadership}: one worker calls the store (acquire, renew) one call at a time, another
 * ends a term at its deadline even while a store call hangs. State changes are made, and emitted, under this
 * object's lock, so {@code changes()} sees them in order; reads are volatile and lock-free.
 */
public final class LeaseElection implements Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final LeaseStore store;
    private final String lease;
    private final String owner;
    private final long ttl;
    private final long renewEvery;
    private final long retryEvery;
    private final long drift;
    private final LongSupplier now;
    private final Scheduler.Worker caller;
    private final Scheduler.Worker timer;
    private final BehaviorSubject<LeaderState> changes;
    private final LossLog unreachable = new LossLog(LOG);
    private volatile long token;
    private volatile long deadline;
    private volatile boolean closed;
    private Disposable expiry = Disposable.empty();

    private LeaseElection(LeaseStore store, String lease, String owner, LeaseOptions options, Scheduler scheduler,
                          LongSupplier now) {
        this.store = store;
        this.lease = lease;
        this.owner = owner;
        this.ttl = options.ttl().toNanos();
        this.renewEvery = options.renewEvery().toNanos();
        this.retryEvery = options.retryEvery().toNanos();
        this.drift = options.driftAllowance().toNanos();
        this.now = now;
        this.caller = scheduler.createWorker();
        this.timer = scheduler.createWorker();
        this.changes = BehaviorSubject.createDefault(new LeaderState(false, 0, owner));
    }

    public static LeaseElection start(LeaseStore store, String lease, String owner, LeaseOptions options,
                                      Scheduler scheduler, LongSupplier now) {
        LeaseElection e = new LeaseElection(store, lease, owner, options, scheduler, now);
        e.caller.schedule(e::campaign);
        return e;
    }

    private void campaign() {
        if (closed) {
            return;
        }
        long held = token;
        long sentAt = now.getAsLong();
        try {
            if (held != 0) {
                if (store.renew(lease, owner, Duration.ofNanos(ttl))) {
                    extend(held, sentAt);
                } else {
                    end(held, "the store no longer has this owner on the lease");
                }
            } else {
                OptionalLong won = store.acquire(lease, owner, Duration.ofNanos(ttl));
                if (won.isPresent()) {
                    begin(won.getAsLong(), sentAt);
                }
            }
        } catch (RuntimeException e) {
            unreachable.warn("lease '{}' ({}): the store did not answer: {}", lease, owner, e.toString());
        }
        if (!closed) {
            caller.schedule(this::campaign, token != 0 ? renewEvery : retryEvery, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void begin(long fencingToken, long sentAt) {
        if (closed) {
            store.release(lease, owner);
            return;
        }
        token = fencingToken;
        deadline = sentAt + ttl - drift;
        armExpiry();
        LOG.info("lease '{}': {} leads with fencing token {}", lease, owner, fencingToken);
        changes.onNext(state());
    }

    private synchronized void extend(long term, long sentAt) {
        if (token == term) {
            deadline = sentAt + ttl - drift;
            armExpiry();
        }
    }

    private synchronized void end(long term, String why) {
        if (token != term || term == 0) {
            return;
        }
        token = 0;
        expiry.dispose();
        if (closed) {
            LOG.info("lease '{}': {} stops leading (fencing token {}): {}", lease, owner, term, why);
        } else {
            LOG.warn("lease '{}': {} stops leading (fencing token {}): {}", lease, owner, term, why);
        }
        changes.onNext(state());
    }

    private void armExpiry() {
        expiry.dispose();
        long term = token;
        long left = deadline - now.getAsLong();
        expiry = timer.schedule(() -> end(term, "its lease ran out without a renewal"), Math.max(0, left),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public Observable<LeaderState> changes() {
        return changes.hide();
    }

    @Override
    public boolean isLeader() {
        return token != 0 && now.getAsLong() - deadline < 0;
    }

    @Override
    public long fencingToken() {
        long t = token;
        return t != 0 && now.getAsLong() - deadline < 0 ? t : 0;
    }

    @Override
    public LeaderState state() {
        long t = fencingToken();
        return new LeaderState(t != 0, t, owner);
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public void close() {
        long held;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            held = token;
            end(held, "closed");
        }
        caller.dispose();
        timer.dispose();
        if (held != 0) {
            try {
                store.release(lease, owner);
            } catch (RuntimeException e) {
                LOG.warn("lease '{}': {} could not give the lease up (it expires on its own): {}", lease, owner,
                        e.toString());
            }
        }
        changes.onComplete();
    }

    @Override
    public String toString() {
        return "Leadership{lease=" + lease + ", " + state() + "}";
    }
}
