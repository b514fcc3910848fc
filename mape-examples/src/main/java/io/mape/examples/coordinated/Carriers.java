package io.mape.examples.coordinated;

import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The transports of one device, chosen per destination as PyMAPE does: a device hears every transport in
 * {@code heard}, and sends a channel on the one {@code carrier} names for it (REST when a peer is known for it,
 * else Redis).
 */
record Carriers(List<Transport> heard, Function<String, Transport> carrier) {

    /** One transport for everything. */
    static Carriers of(Transport transport) {
        return new Carriers(List.of(transport), channel -> transport);
    }

    /** A source of {@code pattern} on every transport heard, decoded into {@code type}: subscribe to each. */
    <T> List<Source<T>> sources(String pattern, Type type) {
        return heard.stream().map(t -> t.<T>source(pattern, type)).toList();
    }

    /** A sink on the transport that carries {@code channel}. */
    Sink sink(String channel) {
        return carrier.apply(channel).sink(channel);
    }

    /** The transports' names, for the trace. */
    String name() {
        return heard.stream().map(Transport::name).collect(Collectors.joining("; "));
    }
}
