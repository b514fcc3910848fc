package io.mape.remote;

import io.mape.App;
import io.mape.remote.spi.SendResult;
import io.mape.remote.spi.TransportDriver;
import io.mape.remote.spi.Transports;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Transport} between the Apps of one JVM, through an {@link InProcessHub}: the same code path as a
 * distributed transport (items are encoded, capped, queued, decoded and counted the same way), with no server.
 *
 * <pre>{@code
 * InProcessHub hub = InProcessHub.create();
 * Transport car = InProcessTransport.builder(carApp).hub(hub).build();
 * Transport station = InProcessTransport.builder(stationApp).hub(hub).build();
 * }</pre>
 *
 * <p><b>Threading.</b> A send is delivered on the sending thread, before {@code onNext} returns, to the sources
 * subscribed at that moment, each source one message at a time: a message sent while that source is delivering (a
 * feedback cycle, or another thread) is queued and delivered by the thread already in it, in order. There is no
 * outage, so nothing is lost but what the sinks drop by their options. Thread-safe; closes with its App.
 */
public final class InProcessTransport {

    private InProcessTransport() {
    }

    /** A builder of the transport of {@code app}: on the App's own hub unless {@link Builder#hub} says otherwise. */
    public static Builder builder(App app) {
        return new Builder(app);
    }

    /** Builds an in-process {@link Transport}. Not thread-safe. */
    public static final class Builder {
        private final App app;
        private InProcessHub hub;
        private SinkOptions sinkOptions = SinkOptions.defaults();

        private Builder(App app) {
            this.app = Objects.requireNonNull(app, "app");
        }

        /** The hub shared with the transports of other Apps; default the App's own (a component of the App). */
        public Builder hub(InProcessHub hub) {
            this.hub = Objects.requireNonNull(hub, "hub");
            return this;
        }

        /** The options of the sinks; default {@link SinkOptions#defaults()}. */
        public Builder sinkOptions(SinkOptions options) {
            this.sinkOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        public Transport build() {
            InProcessHub h = hub != null ? hub : app.component(InProcessHub.class, a -> InProcessHub.create());
            return Transports.over(app, new Driver(h), sinkOptions);
        }
    }

    /** One pattern subscription on the hub, delivering one message at a time. */
    static final class Route implements TransportDriver.Subscription {
        private record Pending(String channel, byte[] body) {
        }

        private final Driver driver;
        private final ChannelPattern pattern;
        private final TransportDriver.Receiver receiver;
        private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;

        Route(Driver driver, String pattern, TransportDriver.Receiver receiver) {
            this.driver = driver;
            this.pattern = ChannelPattern.of(pattern);
            this.receiver = receiver;
        }

        void deliver(String channel, byte[] body) {
            queue.add(new Pending(channel, body));
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                Pending p;
                while ((p = queue.poll()) != null) {
                    if (!cancelled) {
                        receiver.message(p.channel, p.body, () -> { });
                    }
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        @Override
        public void cancel() {
            cancelled = true;
            driver.hub.routes().remove(this);
        }
    }

    private static final class Driver implements TransportDriver {
        private final InProcessHub hub;
        private volatile boolean closed;

        Driver(InProcessHub hub) {
            this.hub = hub;
        }

        @Override
        public String name() {
            return "in-process";
        }

        @Override
        public boolean isConnected() {
            return !closed;
        }

        @Override
        public void send(String channel, byte[] body, SendCallback done) {
            if (closed) {
                done.done(SendResult.RETRY, null);
                return;
            }
            int heard = 0;
            for (Route r : hub.routes()) {
                if (r.pattern.matches(channel)) {
                    heard++;
                    r.deliver(channel, body);
                }
            }
            done.done(heard > 0 ? SendResult.ACKNOWLEDGED : SendResult.SENT, null);
        }

        @Override
        public Subscription subscribe(String pattern, Receiver receiver) {
            Route r = new Route(this, pattern, receiver);
            hub.routes().add(r);
            receiver.confirmed();
            return r;
        }

        @Override
        public void close() {
            closed = true;
            for (Route r : hub.routes()) {
                if (r.driver == this) {
                    r.cancel();
                    r.receiver.closed();
                }
            }
        }
    }
}
