package io.mape.safety;

import io.mape.safety.internal.LedgerOperator;
import io.mape.safety.internal.RateWindow;
import io.mape.safety.internal.Verdict;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableSource;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Rate limiting and cooldown per effector: items for one key (the effector they act on, {@link Builder#key}) pass
 * while the {@link ThrottleOptions} allow; the others are held back, not delayed, as {@link Veto}s by
 * {@code rate-limit} or {@code cooldown}. For separate limits up and down, key by effector and direction, or give
 * each direction its own throttle. Time is read from the scheduler's {@code now} (default
 * {@link Schedulers#computation()}). Thread-safe: each key's state is updated under its own lock.
 */
public final class Throttle<T> extends LedgerOperator<T, T> {

    private final Function<? super T, ?> key;
    private final ThrottleOptions options;
    private final Scheduler clock;
    private final Map<Object, RateWindow> windows = new ConcurrentHashMap<>();

    private Throttle(Builder<T> b) {
        super("throttle");
        this.key = b.key;
        this.options = b.options;
        this.clock = b.clock;
    }

    public static <T> Builder<T> builder(ThrottleOptions options) {
        return new Builder<>(options);
    }

    @Override
    public ObservableSource<T> apply(Observable<T> upstream) {
        return ledger.decide(upstream, this::admit);
    }

    private Verdict<T> admit(T item) {
        RateWindow w = windows.computeIfAbsent(key.apply(item), k -> new RateWindow(options.maxActions(),
                options.period().toNanos(), options.cooldown().toNanos()));
        String refusal = w.tryAct(clock.now(TimeUnit.NANOSECONDS));
        return refusal == null ? Verdict.pass(item) : Verdict.hold(refusal, refusal.equals(RateWindow.COOLDOWN)
                ? "within " + options.cooldown() + " of the last action" : "more than " + options.maxActions()
                + " actions in " + options.period(), false);
    }

    public ThrottleOptions options() {
        return options;
    }

    /** Builds a {@link Throttle}; not thread-safe. */
    public static final class Builder<T> {
        private final ThrottleOptions options;
        private Function<? super T, ?> key = item -> "";
        private Scheduler clock = Schedulers.computation();

        private Builder(ThrottleOptions options) {
            this.options = Objects.requireNonNull(options, "options");
        }

        /** The effector an item acts on; items of one key share one limit. Default: one key for all. */
        public Builder<T> key(Function<? super T, ?> key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The scheduler whose {@code now} is the time (a {@code TestScheduler} in tests). */
        public Builder<T> scheduler(Scheduler clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Throttle<T> build() {
            return new Throttle<>(this);
        }
    }
}
