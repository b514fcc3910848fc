package io.mape.test;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The readings of a scripted sensor ({@link TestApp#sensor}), on the App's virtual time, counted from the moment the
 * sensor is made: a list read at a fixed period, readings at given times, or a function of the time. Immutable.
 *
 * @param <T> what the sensor reads
 */
public final class Script<T> {

    private final List<At<T>> readings;
    private final Duration period;
    private final Function<Duration, ? extends T> reading;

    private record At<T>(Duration at, T value) {
    }

    private Script(List<At<T>> readings, Duration period, Function<Duration, ? extends T> reading) {
        this.readings = readings;
        this.period = period;
        this.reading = reading;
    }

    /** {@code values} one after the other, the first after {@code period}, then silence. */
    public static <T> Script<T> every(Duration period, List<? extends T> values) {
        positive(period);
        Builder<T> b = builder();
        for (int i = 0; i < values.size(); i++) {
            b.at(period.multipliedBy(i + 1L), values.get(i));
        }
        return b.build();
    }

    /**
     * A reading every {@code period}, forever: {@code reading} of the time since the sensor was made. A null reading
     * is none at that tick (a silent sensor).
     */
    public static <T> Script<T> every(Duration period, Function<Duration, ? extends T> reading) {
        positive(period);
        return new Script<>(List.of(), period, Objects.requireNonNull(reading, "reading"));
    }

    /** Readings at given times. */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Schedules the readings on {@code clock} into {@code sensor}; disposing stops them. */
    Disposable play(Scheduler clock, Consumer<? super T> sensor) {
        long start = clock.now(TimeUnit.NANOSECONDS);
        CompositeDisposable all = new CompositeDisposable();
        for (At<T> r : readings) {
            all.add(clock.scheduleDirect(() -> sensor.accept(r.value()), r.at().toNanos(), TimeUnit.NANOSECONDS));
        }
        if (reading != null) {
            all.add(clock.schedulePeriodicallyDirect(() -> {
                T v = reading.apply(Duration.ofNanos(clock.now(TimeUnit.NANOSECONDS) - start));
                if (v != null) {
                    sensor.accept(v);
                }
            }, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS));
        }
        return all;
    }

    private static void positive(Duration period) {
        if (Objects.requireNonNull(period, "period").isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
    }

    /** Builds a {@link Script} of readings at given times. Not thread-safe. */
    public static final class Builder<T> {
        private final List<At<T>> readings = new ArrayList<>();

        private Builder() {
        }

        /** {@code value} at {@code at} after the sensor is made (zero or more; readings at one time keep their order). */
        public Builder<T> at(Duration at, T value) {
            if (Objects.requireNonNull(at, "at").isNegative()) {
                throw new IllegalArgumentException("at must not be negative, was " + at);
            }
            readings.add(new At<>(at, Objects.requireNonNull(value, "value")));
            return this;
        }

        public Script<T> build() {
            return new Script<>(List.copyOf(readings), null, null);
        }
    }
}
