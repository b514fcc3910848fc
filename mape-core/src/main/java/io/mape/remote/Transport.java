package io.mape.remote;

import io.mape.Element;
import io.mape.knowledge.TypeRef;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Carries items between Apps: a {@link Sink} sends to a channel (an element path {@code loop.element} or any name),
 * a {@link Source} receives the channels matching a {@link ChannelPattern}, decoded into a declared type. One
 * interface for every transport (in-process, Redis pub/sub, REST, ...), so that loops do not change when they move
 * from one JVM to several:
 *
 * <pre>{@code
 * Transport t = InProcessTransport.builder(app).build();    // or a remote module's, e.g. RedisTransport
 * detect.link(t.sink(detect.path()));                      // detect's items to channel "car_a.detect"
 * t.source("car_*.detect", Boolean.class).subscribe(collect);
 * }</pre>
 *
 * <p>Each sink and source is listed in {@link Links#of(io.mape.App)} while open. A transport closes with its App;
 * closing it closes its sinks (draining them) and completes its sources. Thread-safe.
 *
 * <p>A remote module implements {@link io.mape.remote.spi.TransportDriver} and makes its Transport with
 * {@link io.mape.remote.spi.Transports#over}.
 */
public interface Transport extends AutoCloseable {

    /** What it is and where it connects, such as {@code redis pub/sub at redis://127.0.0.1:6379/0}. */
    String name();

    /** A sink to {@code channel} with the transport's default {@link SinkOptions}. */
    default Sink sink(String channel) {
        return sink(channel, defaultSinkOptions());
    }

    /**
     * A sink to {@code channel}.
     *
     * @throws IllegalArgumentException when the channel is blank or a pattern ({@code *?[\})
     */
    Sink sink(String channel, SinkOptions options);

    /** A sink to channel {@code element.path()}, already linked to the element's port out. */
    default Sink sink(Element<?, ?> element) {
        Objects.requireNonNull(element, "element");
        if (element.loop() == null) {
            throw new IllegalArgumentException(element + " is in no loop, so it has no path to name the channel");
        }
        Sink sink = sink(element.path());
        element.link(sink);
        return sink;
    }

    /** The options of {@link #sink(String)}. */
    SinkOptions defaultSinkOptions();

    /** A source of {@code pattern} decoding into {@code type}. */
    default <T> Source<T> source(String pattern, Class<T> type) {
        return source(pattern, (Type) type);
    }

    /** A source of {@code pattern} decoding into a generic type: {@code new TypeRef<Message<Speed>>() {}}. */
    default <T> Source<T> source(String pattern, TypeRef<T> type) {
        return source(pattern, type.type());
    }

    /** A source of {@code pattern} decoding into {@code type}; the caller vouches that {@code T} is {@code type}. */
    <T> Source<T> source(String pattern, Type type);

    /**
     * A source of {@code pattern} decoding into the element's {@link Element#inputType()}, already subscribed by
     * the element (removing the element ends that subscription).
     */
    default <I> Source<I> source(String pattern, Element<I, ?> element) {
        Objects.requireNonNull(element, "element");
        Source<I> source = source(pattern, element.inputType());
        source.subscribe(element);
        return source;
    }

    /** Closes every sink (each drains within its grace period) and completes every source. Idempotent. */
    @Override
    void close();

    boolean isClosed();
}
