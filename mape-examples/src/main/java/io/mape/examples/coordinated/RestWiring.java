package io.mape.examples.coordinated;

import io.mape.App;
import io.mape.examples.HostPort;
import io.mape.remote.rest.PostObserver;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Links the devices point to point over REST, as PyMAPE's {@code --ambulance} and {@code --cars} do: {@link #send}
 * POSTs an element's output, with a {@link PostObserver} each (in order, retrying while the target is down), to
 * every element matching the destination among the loops whose REST API it knows
 * ({@code car_*_safety.safety_policy} reaches {@code car_Veyron_safety.safety_policy} at the Veyron's address). The
 * targets' {@code RestServer}s push the items straight into their elements, so {@link #receive} has nothing of its
 * own.
 *
 * <p>A destination no known loop matches, and {@link #receive}, go to the wiring given as {@code otherwise} (PyMAPE
 * publishes on Redis what it has no address for); by default nothing is sent there. Thread-safe; the PostObservers
 * close with the App.
 */
public final class RestWiring implements Wiring {

    private final App app;
    private final Map<String, HostPort> loops;
    private final Wiring otherwise;

    private RestWiring(Builder b) {
        this.app = b.app;
        this.loops = Collections.unmodifiableMap(new LinkedHashMap<>(b.loops));
        this.otherwise = b.otherwise;
    }

    /** A wiring whose PostObservers use {@code app}'s codec and close with it. */
    public static Builder builder(App app) {
        return new Builder(app);
    }

    @Override
    public Disposable send(String channel, Observable<?> items, String destination) {
        int dot = destination.indexOf('.');
        if (dot <= 0 || dot == destination.length() - 1) {
            throw new IllegalArgumentException("destination must be loop.element, got '" + destination + "'");
        }
        Pattern loopGlob = InProcessWiring.glob(destination.substring(0, dot));
        String element = destination.substring(dot + 1);
        List<PostObserver> posts = new ArrayList<>();
        loops.forEach((loop, address) -> {
            if (loopGlob.matcher(loop).matches()) {
                PostObserver post = PostObserver.builder(address.httpUrl(), loop + "." + element).build(app);
                items.subscribe(post);
                posts.add(post);
            }
        });
        if (posts.isEmpty()) {
            return otherwise.send(channel, items, destination);
        }
        return Disposable.fromAction(() -> posts.forEach(PostObserver::close));
    }

    @Override
    public <T> Observable<T> receive(String pattern, Type type) {
        return otherwise.receive(pattern, type);
    }

    @Override
    public boolean isReceiving() {
        return otherwise.isReceiving();
    }

    @Override
    public String toString() {
        return "REST to " + loops.entrySet().stream().map(e -> e.getKey() + " at " + e.getValue())
                .collect(Collectors.joining(", ")) + "; otherwise " + otherwise;
    }

    /** Builds a {@link RestWiring}. Not thread-safe. */
    public static final class Builder {
        private final App app;
        private final Map<String, HostPort> loops = new LinkedHashMap<>();
        private Wiring otherwise = Wiring.none();

        private Builder(App app) {
            this.app = Objects.requireNonNull(app, "app");
        }

        /** The elements of loop {@code loopUid} are at the REST API at {@code address}. */
        public Builder loop(String loopUid, HostPort address) {
            loops.put(Objects.requireNonNull(loopUid, "loopUid"), Objects.requireNonNull(address, "address"));
            return this;
        }

        /** Where destinations without a known loop go, and what {@link #receive} gives; default {@link Wiring#none()}. */
        public Builder otherwise(Wiring wiring) {
            this.otherwise = Objects.requireNonNull(wiring, "wiring");
            return this;
        }

        public RestWiring build() {
            return new RestWiring(this);
        }
    }
}
