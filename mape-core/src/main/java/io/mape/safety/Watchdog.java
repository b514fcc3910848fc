package io.mape.safety;

import io.mape.internal.Checks;
import io.mape.safety.internal.LedgerOperator;
import io.mape.safety.internal.Verdict;
import io.reactivex.rxjava3.core.Notification;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableSource;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fallback for a silent source: items pass unchanged, and when none has come for {@code timeout} (since the
 * subscription or the last item), the user's safe default from {@code fallback} is emitted, counted as injected in
 * {@link #stats()} and logged at WARN (rate-limited). With {@link Builder#repeat(boolean) repeat} it is emitted
 * again after each further {@code timeout} of silence; by default once per silence. The source's completion and
 * error pass downstream and end the watch. Holds nothing back: {@link #vetoes()} never emits.
 *
 * <p>Scheduler: the timeout runs on the given scheduler (default {@link Schedulers#computation()}), and a fallback
 * is emitted on it. Thread-safe: each subscription has its own timer.
 */
public final class Watchdog<T> extends LedgerOperator<T, T> {

    private final long timeoutNanos;
    private final Supplier<? extends T> fallback;
    private final boolean repeat;
    private final Scheduler scheduler;
    private final String source;

    private Watchdog(Builder<T> b) {
        super("watchdog " + b.source);
        this.timeoutNanos = b.timeout.toNanos();
        this.fallback = b.fallback;
        this.repeat = b.repeat;
        this.scheduler = b.scheduler;
        this.source = b.source;
    }

    /** A watchdog that emits {@code fallback.get()} after {@code timeout} of silence. */
    public static <T> Builder<T> builder(Duration timeout, Supplier<? extends T> fallback) {
        return new Builder<>(timeout, fallback);
    }

    @Override
    public ObservableSource<T> apply(Observable<T> upstream) {
        return ledger.decide(upstream, Verdict::pass).materialize().map(Optional::of)
                .startWithItem(Optional.empty())
                .switchMap(event -> event.map(this::after).orElseGet(this::silence));
    }

    private Observable<T> after(Notification<T> event) {
        if (event.isOnNext()) {
            return silence().startWithItem(event.getValue());
        }
        return event.isOnError() ? Observable.error(event.getError()) : Observable.empty();
    }

    private Observable<T> silence() {
        Observable<Long> ticks = repeat
                ? Observable.interval(timeoutNanos, timeoutNanos, TimeUnit.NANOSECONDS, scheduler)
                : Observable.timer(timeoutNanos, TimeUnit.NANOSECONDS, scheduler);
        return ticks.map(tick -> {
            T item = Objects.requireNonNull(fallback.get(), "the fallback gave null");
            ledger.inject(item, "silent for " + Duration.ofNanos(timeoutNanos));
            return item;
        });
    }

    /** Builds a {@link Watchdog}; not thread-safe. */
    public static final class Builder<T> {
        private final Duration timeout;
        private final Supplier<? extends T> fallback;
        private boolean repeat;
        private Scheduler scheduler = Schedulers.computation();
        private String source = "source";

        private Builder(Duration timeout, Supplier<? extends T> fallback) {
            this.timeout = Checks.positive(timeout, "timeout");
            this.fallback = Objects.requireNonNull(fallback, "fallback");
        }

        /** Emit the fallback again after each further timeout of silence; default false (once per silence). */
        public Builder<T> repeat(boolean repeat) {
            this.repeat = repeat;
            return this;
        }

        public Builder<T> scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** What the log line calls the watched source (a monitor's path); default {@code source}. */
        public Builder<T> source(String source) {
            this.source = Checks.notBlank(source, "source");
            return this;
        }

        public Watchdog<T> build() {
            return new Watchdog<>(this);
        }
    }
}
