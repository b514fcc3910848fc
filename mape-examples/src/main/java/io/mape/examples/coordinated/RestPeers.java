package io.mape.examples.coordinated;

import io.mape.App;
import io.mape.examples.HostPort;
import io.mape.remote.ChannelPattern;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.Links;
import io.mape.remote.Sink;
import io.mape.remote.SinkOptions;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.remote.rest.PostObserver;
import io.mape.remote.rest.PostOptions;
import io.reactivex.rxjava3.disposables.Disposable;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A small REST adapter of the examples, until mape-remote-rest is a {@link Transport} of its own: point to point, as
 * PyMAPE's {@code --ambulance} and {@code --cars} link devices. A sink to a channel POSTs (a {@link PostObserver}
 * each: in order, retrying while the peer is down) to the element that listens to that channel, named by
 * {@code destinations} (channel pattern to element path glob), in every peer loop whose address it knows
 * ({@code car_*_safety.safety_policy} reaches {@code car_Veyron_safety.safety_policy} at the Veyron's address). The
 * peers' {@code RestServer}s push into their elements straight, so sources, and sinks to channels with no known
 * peer, are those of {@code otherwise} (PyMAPE publishes on Redis what it has no address for). Thread-safe; closes
 * with its App.
 */
final class RestPeers implements Transport {

    private final App app;
    private final Map<String, HostPort> loops;
    private final Map<String, String> destinations;
    private final Transport otherwise;
    private final List<PeerSink> sinks = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    RestPeers(App app, Map<String, HostPort> loops, Map<String, String> destinations, Transport otherwise) {
        this.app = Objects.requireNonNull(app, "app");
        this.loops = Map.copyOf(loops);
        this.destinations = Map.copyOf(destinations);
        this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
        app.manage(this);
    }

    @Override
    public String name() {
        return "REST to " + loops.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " at " + e.getValue()).collect(Collectors.joining(", "))
                + "; otherwise " + otherwise.name();
    }

    @Override
    public Sink sink(String channel, SinkOptions options) {
        List<PostObserver> posts = new ArrayList<>();
        destinations.forEach((pattern, destination) -> {
            if (ChannelPattern.of(pattern).matches(channel)) {
                int dot = destination.indexOf('.');
                ChannelPattern loopGlob = ChannelPattern.of(destination.substring(0, dot));
                loops.forEach((loop, address) -> {
                    if (loopGlob.matches(loop)) {
                        posts.add(PostObserver.builder(address.httpUrl(), loop + destination.substring(dot))
                                .options(PostOptions.builder().bufferSize(options.capacity()).build()).build(app));
                    }
                });
            }
        });
        if (posts.isEmpty()) {
            return otherwise.sink(channel, options);
        }
        PeerSink sink = new PeerSink(channel, posts);
        sinks.add(sink);
        Links.of(app).add(sink);
        return sink;
    }

    @Override
    public SinkOptions defaultSinkOptions() {
        return otherwise.defaultSinkOptions();
    }

    @Override
    public <T> Source<T> source(String pattern, Type type) {
        return otherwise.source(pattern, type);
    }

    @Override
    public void close() {
        closed = true;
        sinks.forEach(PeerSink::close);
        otherwise.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return name();
    }

    /** The items of one channel to the PostObservers of its destinations. */
    private final class PeerSink implements Sink {
        private final String channel;
        private final List<PostObserver> posts;
        private volatile boolean done;

        PeerSink(String channel, List<PostObserver> posts) {
            this.channel = channel;
            this.posts = posts;
        }

        @Override
        public void onSubscribe(Disposable d) {
            posts.forEach(p -> p.onSubscribe(d));
        }

        @Override
        public void onNext(Object item) {
            posts.forEach(p -> p.onNext(item));
        }

        @Override
        public void onError(Throwable e) {
            posts.forEach(p -> p.onError(e));
        }

        @Override
        public void onComplete() {
            posts.forEach(PostObserver::onComplete);
        }

        @Override
        public void close() {
            done = true;
            posts.forEach(PostObserver::close);
            Links.of(app).remove(this);
        }

        @Override
        public boolean isClosed() {
            return done;
        }

        @Override
        public String channel() {
            return channel;
        }

        @Override
        public String transport() {
            return name();
        }

        /**
         * The PostObservers' counters summed over the items: a rejected POST is failed, a dropped one an overflow
         * (the PostObserver does not tell its reasons apart); errors and completions it skips are not items.
         */
        @Override
        public DeliveryStats stats() {
            long sent = 0;
            long failed = 0;
            long dropped = 0;
            long pending = 0;
            for (PostObserver p : posts) {
                PostObserver.Stats s = p.stats();
                sent += s.sent();
                failed += s.rejected();
                dropped += s.dropped();
                pending += s.buffered();
            }
            Map<DropReason, Long> byReason = new LinkedHashMap<>();
            byReason.put(DropReason.OVERFLOW, dropped);
            return DeliveryStats.ofSink(sent + failed + dropped + pending, sent, sent, byReason, failed, pending);
        }
    }
}
