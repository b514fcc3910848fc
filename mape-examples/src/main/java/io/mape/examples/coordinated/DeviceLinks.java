package io.mape.examples.coordinated;

import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The transports of one device, as PyMAPE picks them per destination: the device hears every transport of
 * {@code heard} (each source subscribed by its element itself), and sends a channel on the one {@code carrier}
 * names for it (REST when a peer is known for the channel, else Redis or nothing).
 */
record DeviceLinks(List<Transport> heard, Function<String, Transport> carrier) {

    DeviceLinks {
        heard = List.copyOf(heard);
    }

    /** One transport for everything. */
    static DeviceLinks of(Transport transport) {
        return new DeviceLinks(List.of(transport), channel -> transport);
    }

    /** A source of {@code pattern} on each transport heard, decoding into {@code type}. */
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
