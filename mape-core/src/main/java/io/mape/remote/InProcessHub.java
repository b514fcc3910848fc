package io.mape.remote;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The channels that the {@link InProcessTransport}s sharing it carry items through: several Apps of one JVM (the
 * devices of an embedded run, the two sides of a test) linked as they would be over a broker. Thread-safe.
 */
public final class InProcessHub {

    private final CopyOnWriteArrayList<InProcessTransport.Route> routes = new CopyOnWriteArrayList<>();

    private InProcessHub() {
    }

    public static InProcessHub create() {
        return new InProcessHub();
    }

    /** The pattern subscriptions of every transport on this hub. */
    CopyOnWriteArrayList<InProcessTransport.Route> routes() {
        return routes;
    }

    @Override
    public String toString() {
        return "InProcessHub{" + routes.size() + " subscriptions}";
    }
}
