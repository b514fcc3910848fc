package io.mape.examples;

import io.mape.App;
import io.mape.Message;
import io.mape.config.MapeConfig;
import io.mape.remote.influx.InfluxObserver;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The examples' time series (PyMAPE's {@code InfluxObserver}s in its examples), written where {@code --influx} and
 * its companions say; what they do not say comes from {@code influxdb.*} of mape.yml or {@code MAPE_INFLUXDB_*}
 * (the examples' own Apps run on {@link MapeConfig#defaults()}, so {@link #link} loads it).
 * Points are stamped with the scenario's time from the start of the run, so a scripted run, which takes a moment,
 * writes its series as it would have unfolded in real time.
 */
public final class InfluxSinks {

    /** {@code --influx} and its companions, for the examples that write time series. */
    public static final List<Option<?>> OPTIONS = List.of(Options.INFLUX, Options.INFLUX_TOKEN, Options.INFLUX_ORG,
            Options.INFLUX_BUCKET);

    private final Options options;
    private final Scheduler clock;
    private final Instant start = Instant.now();

    private InfluxSinks(Options options, Scheduler clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Sinks for this run, or none when {@code --influx} is not given. */
    public static InfluxSinks of(Options options, Scheduler clock) {
        return options.given(Options.INFLUX) ? new InfluxSinks(options, clock) : null;
    }

    /**
     * A builder of an observer closed with {@code app}, writing where the command line says; the rest comes from the
     * App's configuration unless the caller names another.
     */
    public static <T> InfluxObserver.Builder<T> builder(Options options, App app) {
        InfluxObserver.Builder<T> b = InfluxObserver.<T>builder().app(app).url(options.get(Options.INFLUX).toString());
        if (options.given(Options.INFLUX_TOKEN)) {
            b.token(options.get(Options.INFLUX_TOKEN));
        }
        if (options.given(Options.INFLUX_ORG)) {
            b.org(options.get(Options.INFLUX_ORG));
        }
        if (options.given(Options.INFLUX_BUCKET)) {
            b.bucket(options.get(Options.INFLUX_BUCKET));
        }
        return b;
    }

    /**
     * Writes each number {@code source} emits as field {@code value} of {@code measurement} with these tags, at the
     * scenario's time.
     *
     * @throws UsageException when a setting is missing, saying where to give it
     */
    public void link(App app, Observable<? extends Number> source, String measurement, Map<String, String> tags)
            throws UsageException {
        InfluxObserver<Message<Number>> sink;
        try {
            sink = InfluxSinks.<Message<Number>>builder(options, app).config(MapeConfig.load()).measurement(measurement)
                    .tags(tags).build();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage() + " (on this command line: --influx-token, --influx-org, "
                    + "--influx-bucket)");
        }
        source.map(this::stamped).subscribe(sink);
    }

    private Message<Number> stamped(Number value) {
        Instant at = start.plusNanos(clock.now(TimeUnit.NANOSECONDS));
        return new Message<>(value, null, null, 0, at, Message.of(value).traceId());
    }
}
