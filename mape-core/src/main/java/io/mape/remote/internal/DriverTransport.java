package io.mape.remote.internal;

import io.mape.App;
import io.mape.internal.Checks;
import io.mape.remote.ChannelPattern;
import io.mape.remote.Links;
import io.mape.remote.Sink;
import io.mape.remote.SinkOptions;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.remote.spi.TransportDriver;
import io.reactivex.rxjava3.core.Scheduler;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The one {@link Transport} over any {@link TransportDriver}: sinks with an outbox, decoding sources. Thread-safe. */
public final class DriverTransport implements Transport {

    private final App app;
    private final TransportDriver driver;
    private final SinkOptions defaults;
    private final Scheduler scheduler;
    private final Links links;
    private final Set<DriverSink> sinks = ConcurrentHashMap.newKeySet();
    private final Set<DriverSource<?>> sources = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public DriverTransport(App app, TransportDriver driver, SinkOptions defaults, Scheduler scheduler) {
        this.app = Objects.requireNonNull(app, "app");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.links = Links.of(app);
    }

    @Override
    public String name() {
        return driver.name();
    }

    @Override
    public SinkOptions defaultSinkOptions() {
        return defaults;
    }

    @Override
    public Sink sink(String channel, SinkOptions options) {
        Checks.notBlank(channel, "channel");
        Objects.requireNonNull(options, "options");
        if (ChannelPattern.isPattern(channel)) {
            throw new IllegalArgumentException("a sink sends to one channel, not to a pattern: '" + channel + "'");
        }
        driver.checkChannel(channel);
        checkOpen();
        DriverSink sink = new DriverSink(this, channel, options);
        sinks.add(sink);
        links.add(sink);
        if (closed) {
            sink.close();
        }
        return sink;
    }

    @Override
    public <T> Source<T> source(String pattern, Type type) {
        Checks.notBlank(pattern, "pattern");
        Objects.requireNonNull(type, "type");
        driver.checkPattern(pattern);
        checkOpen();
        DriverSource<T> source = new DriverSource<>(this, pattern, type);
        sources.add(source);
        links.add(source);
        if (closed) {
            source.transportClosed();
        }
        return source;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List.copyOf(sinks).forEach(DriverSink::close);
        try {
            driver.close();
        } finally {
            List.copyOf(sources).forEach(DriverSource::transportClosed);
            sources.forEach(links::remove);
            sources.clear();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Transport{" + driver.name() + (closed ? ", closed" : "") + "}";
    }

    App app() {
        return app;
    }

    TransportDriver driver() {
        return driver;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    void closed(DriverSink sink) {
        sinks.remove(sink);
        links.remove(sink);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
