package io.mape.safety;

import io.mape.safety.internal.LedgerOperator;
import io.mape.safety.internal.Recommendations;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableSource;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Stabilization windows and tolerances for a stream of recommendations (a number of replicas, of lanes, a set
 * point), per effector, as Kubernetes' HPA stabilizes its scaling: each recommendation is remembered, and the value
 * acted on is, for a fall, the highest recommended within the down window, for a rise the lowest within the up
 * window. So a scale-down happens only once it has been wanted for the whole window, and to the level the whole
 * window agrees on. A change smaller than the direction's tolerance is not acted on.
 *
 * <p>The first recommendation of a key passes and becomes the acted value, unless {@link Builder#initial} says
 * what is in effect before it. Each later one passes on the item that
 * was recommended with the value acted on (so what passes was really recommended, possibly earlier in the window)
 * or is held back as a {@link Veto} by {@code stabilization}, {@code tolerance} or {@code unchanged}. Decisions are
 * made as recommendations arrive. Time is the scheduler's {@code now} (default {@link Schedulers#computation()}).
 * Thread-safe: each key's state is updated under its own lock.
 */
public final class Stabilizer<T> extends LedgerOperator<T, T> {

    private final ToDoubleFunction<? super T> value;
    private final Function<? super T, ?> key;
    private final StabilizerOptions options;
    private final Scheduler clock;
    private final double initial;
    private final Map<Object, Recommendations<T>> keys = new ConcurrentHashMap<>();

    private Stabilizer(Builder<T> b) {
        super("stabilizer");
        this.value = b.value;
        this.key = b.key;
        this.options = b.options;
        this.clock = b.clock;
        this.initial = b.initial;
    }

    /** A stabilizer of the numbers {@code value} reads from the items. */
    public static <T> Builder<T> builder(ToDoubleFunction<? super T> value) {
        return new Builder<>(value);
    }

    @Override
    public ObservableSource<T> apply(Observable<T> upstream) {
        return ledger.decide(upstream, item -> keys.computeIfAbsent(key.apply(item), k -> new Recommendations<>(
                        options.upWindow().toNanos(), options.downWindow().toNanos(), options.upTolerance(),
                        options.downTolerance(), initial))
                .recommend(item, value.applyAsDouble(item), clock.now(TimeUnit.NANOSECONDS)));
    }

    public StabilizerOptions options() {
        return options;
    }

    /** Builds a {@link Stabilizer}; not thread-safe. */
    public static final class Builder<T> {
        private final ToDoubleFunction<? super T> value;
        private Function<? super T, ?> key = item -> "";
        private StabilizerOptions options = StabilizerOptions.defaults();
        private Scheduler clock = Schedulers.computation();
        private double initial = Double.NaN;

        private Builder(ToDoubleFunction<? super T> value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /** The effector a recommendation is for; each key is stabilized on its own. Default: one key for all. */
        public Builder<T> key(Function<? super T, ?> key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        public Builder<T> options(StabilizerOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The scheduler whose {@code now} is the time (a {@code TestScheduler} in tests). */
        public Builder<T> scheduler(Scheduler clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The value in effect for every key before its first recommendation (the effector's state at start),
         * counted as recommended just before it, so that the first recommendations are stabilized too; default
         * none: the first recommendation is acted on.
         */
        public Builder<T> initial(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("initial must be a finite number, not " + value);
            }
            this.initial = value;
            return this;
        }

        public Stabilizer<T> build() {
            return new Stabilizer<>(this);
        }
    }
}
