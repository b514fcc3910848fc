package io.mape.remote;

import io.mape.App;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sinks and sources of every transport of one App, listed with their {@link DeliveryStats}: a transport adds
 * what it makes and removes what closes. {@code Links.of(app).list()} is what a health page or a metrics binder
 * reads. Thread-safe.
 */
public final class Links {

    private final CopyOnWriteArrayList<Link> links = new CopyOnWriteArrayList<>();

    private Links() {
    }

    /** The App's listing, made on first use. */
    public static Links of(App app) {
        Objects.requireNonNull(app, "app");
        return app.component(Links.class, a -> new Links());
    }

    /** The open sinks and sources, in the order they were made (a snapshot). */
    public List<Link> list() {
        return List.copyOf(links);
    }

    /** Lists {@code link}; for transports. */
    public void add(Link link) {
        links.addIfAbsent(Objects.requireNonNull(link, "link"));
    }

    /** Stops listing {@code link}; for transports. */
    public void remove(Link link) {
        links.remove(link);
    }
}
