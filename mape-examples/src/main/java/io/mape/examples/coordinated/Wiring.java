package io.mape.examples.coordinated;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import java.lang.reflect.Type;

/**
 * How the devices of the coordinated system reach one another: the seam between the loops and the transport.
 * The loops say what they send and what they listen to, in PyMAPE's channel names (element paths such as
 * {@code car_Panda_safety.analyzer}, patterns such as {@code car_*_safety.analyzer}); a wiring carries it.
 * {@link InProcessWiring} links the devices of one JVM; {@link RedisWiring} {@code PUBLISH}es on the channel and
 * {@code PSUBSCRIBE}s to the patterns; {@link RestWiring} POSTs to the destination elements of the hosts it knows.
 */
public interface Wiring {

    /** A wiring that sends nowhere and receives nothing: a device on its own. */
    static Wiring none() {
        return new Wiring() {
            @Override
            public Disposable send(String channel, Observable<?> items, String destination) {
                return Disposable.empty();
            }

            @Override
            public <T> Observable<T> receive(String pattern, Type type) {
                return Observable.never();
            }

            @Override
            public String toString() {
                return "no link";
            }
        };
    }

    /**
     * Carries what {@code items} emits, the output of the element at path {@code channel}, to the elements at
     * {@code destination} (a path glob, such as {@code car_*_safety.safety_policy}). A publish/subscribe transport
     * publishes on {@code channel} and leaves the routing to the receivers' patterns; a point-to-point transport
     * delivers to each element it knows that matches {@code destination}. Dispose to stop sending.
     */
    Disposable send(String channel, Observable<?> items, String destination);

    /**
     * What is sent on the channels matching {@code pattern} (a Redis glob: {@code *}, {@code ?}, {@code [..]}),
     * decoded as {@code type} where it comes from the wire. A point-to-point transport, which delivers straight
     * into the destination elements, gives nothing here.
     */
    <T> Observable<T> receive(String pattern, Type type);

    /**
     * Whether every {@link #receive} subscribed so far hears what is sent from now on. A pub/sub transport confirms
     * its subscriptions asynchronously; what is sent before is not heard. Default true.
     */
    default boolean isReceiving() {
        return true;
    }
}
