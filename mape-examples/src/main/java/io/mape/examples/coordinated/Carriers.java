package io.mape.examples.coordinated;

import io.mape.remote.Sink;
import io.mape.remote.Transport;
import io.reactivex.rxjava3.core.Observable;
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

    /** What every transport hears on {@code pattern}, decoded into {@code type}. */
    <T> Observable<T> source(String pattern, Type type) {
        return Observable.merge(heard.stream().map(t -> t.<T>source(pattern, type)).toList());
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
