package io.mape.remote.rest.internal;

import io.mape.App;
import io.mape.remote.ChannelPattern;
import io.mape.remote.spi.TransportDriver.Receiver;
import io.mape.remote.spi.TransportDriver.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The receivers of the channels an App's {@code RestServer}s are pushed on ({@code POST /channels/{channel}}): one
 * per App ({@link #of(App)}), so that a server started again on the same App reaches the same receivers. Receivers
 * are confirmed while at least one server of the App listens and told {@code lost} when the last one stops.
 *
 * <p>Thread-safe. A receiver is called by one request thread at a time (its own lock), in the order the requests
 * reach it; a sender that waits for each answer (one in flight) is heard in its order.
 */
public final class ChannelHub {

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private int listening;

    /** The App's hub, made on first use. */
    public static ChannelHub of(App app) {
        return app.component(ChannelHub.class, a -> new ChannelHub());
    }

    /** Adds {@code receiver} for the channels matching {@code pattern}; confirmed now if a server listens. */
    public Subscription subscribe(String pattern, Receiver receiver) {
        Entry e = new Entry(ChannelPattern.of(pattern), receiver);
        boolean up;
        synchronized (this) {
            entries.add(e);
            up = listening > 0;
        }
        if (up) {
            receiver.confirmed();
        }
        return e;
    }

    /** Gives {@code body} to every receiver whose pattern matches {@code channel}; returns how many took it. */
    int deliver(String channel, byte[] body) {
        int n = 0;
        for (Entry e : entries) {
            if (e.pattern.matches(channel) && e.deliver(channel, body)) {
                n++;
            }
        }
        return n;
    }

    /** A server of the App listens now. */
    public void serverUp() {
        boolean first;
        synchronized (this) {
            first = listening++ == 0;
        }
        if (first) {
            entries.forEach(e -> e.receiver.confirmed());
        }
    }

    /** A server of the App stopped. */
    public void serverDown() {
        boolean last;
        synchronized (this) {
            last = --listening == 0;
        }
        if (last) {
            entries.forEach(e -> e.receiver.lost());
        }
    }

    /** One receiver and its pattern. */
    private final class Entry implements Subscription {
        private final ChannelPattern pattern;
        private final Receiver receiver;
        private boolean cancelled;

        Entry(ChannelPattern pattern, Receiver receiver) {
            this.pattern = pattern;
            this.receiver = receiver;
        }

        synchronized boolean deliver(String channel, byte[] body) {
            if (cancelled) {
                return false;
            }
            receiver.message(channel, body, () -> { });
            return true;
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
            entries.remove(this);
        }
    }
}
