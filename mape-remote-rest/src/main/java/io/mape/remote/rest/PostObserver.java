package io.mape.remote.rest;

import io.mape.internal.Checks;
import io.mape.App;
import io.mape.codec.JsonCodec;
import io.mape.remote.rest.internal.OrderedSender;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * An Observer that POSTs what it receives to an element of another App's {@link RestServer} (or of a PyMAPE
 * server): PyMAPE's {@code POSTObserver}, but in order. Link an element to it ({@code element.link(post)}) or
 * subscribe it to any source.
 *
 * <pre>{@code
 * PostObserver toAmbulance = PostObserver.builder("http://10.0.0.5:6060", "ambulance.emergency_policy").build(app);
 * detect.link(toAmbulance);
 * }</pre>
 *
 * <p><b>Order and delivery.</b> Each item is encoded as JSON on the thread that pushes it (by the App's codec, or
 * {@link JsonCodec#standard()}) and queued; one request is in flight at a time, so the target receives items in the
 * order they were pushed. While the target is unreachable (connection refused, no full answer within
 * {@link PostOptions#requestTimeout()}, 408, 425, 429, 502, 503, 504) the same item is sent again after an
 * exponential backoff, so delivery is at least once: an item whose answer was lost may arrive twice. Any other
 * non-2xx answer (400 wrong type, 404 no such element, 413, 401) is final: the item is counted in
 * {@link Stats#rejected()}, logged (once, then at most once per interval with a count, per status), and the next one
 * goes.
 *
 * <p><b>Buffer.</b> At most {@link PostOptions#bufferSize()} items wait besides the one in flight. When full, the
 * {@link PostOptions.Overflow} policy drops one; drops are counted in {@link Stats#dropped()} and logged when a run of
 * them starts and ends.
 *
 * <p><b>Errors and completion.</b> To {@link Port#OUT} they are sent in order with the items, in the form PyMAPE's
 * API takes: {@code notification=error} with {@code e.toString()} as a JSON string, {@code notification=completed}
 * with the body {@code null}. To {@link Port#IN} they are not sent, only counted in {@link Stats#skipped()}: an
 * element fans in from many sources, and PyMAPE's server would end the element's port in for good.
 *
 * <p><b>Threads.</b> {@code onNext}, {@code onError} and {@code onComplete} may be called from any thread and never
 * block on the network; the requests run on one daemon thread per observer, over one HTTP client per App.
 *
 * <p><b>Closing.</b> {@link #close()} unlinks (disposes the subscriptions), waits up to
 * {@link PostOptions#closeTimeout()} for the buffer to drain, then drops what is left, counted.
 * {@link Builder#build(App)} registers the observer with {@link App#manage}, so it closes with the App.
 */
public final class PostObserver implements Observer<Object>, AutoCloseable {

    /**
     * Counters since the observer was built; every notification it received is in exactly one of the first four.
     *
     * @param sent     notifications the target accepted (2xx)
     * @param rejected notifications the target refused with a final error status
     * @param dropped  notifications lost here: buffer overflow, not encodable, or left when closed
     * @param skipped  errors and completions not sent, because they go to port in
     * @param retries  requests sent again because the target was unreachable
     * @param buffered notifications waiting or in flight now
     */
    public record Stats(long sent, long rejected, long dropped, long skipped, long retries, int buffered) {
    }

    private static final byte[] JSON_NULL = {'n', 'u', 'l', 'l'};

    private final String name;
    private final JsonCodec codec;
    private final Port port;
    private final Duration closeTimeout;
    private final OrderedSender sender;
    private final CompositeDisposable upstreams = new CompositeDisposable();

    private PostObserver(Builder b, JsonCodec codec, String token, OrderedSender.Client client) {
        this.codec = codec;
        this.port = b.port;
        this.closeTimeout = b.options.closeTimeout();
        Map<NotificationKind, URI> uris = new EnumMap<>(NotificationKind.class);
        for (NotificationKind n : NotificationKind.values()) {
            uris.put(n, b.uri(n));
        }
        this.name = "POST " + b.uri(NotificationKind.NEXT).toString().replaceFirst("\\?.*", "") + " (port "
                + b.port.wireName() + ")";
        this.sender = new OrderedSender(new OrderedSender.Options(name, uris,
                token == null ? null : "Bearer " + token, b.options), client);
    }

    /**
     * A builder of an observer that POSTs to the element at {@code elementPath} ({@code "loop.element"}) of the
     * {@link RestServer} at {@code baseUrl} ({@code "http://host:port"}).
     *
     * @throws IllegalArgumentException when the URL is not http(s) with a host, or the path is not loop.element
     */
    public static Builder builder(String baseUrl, String elementPath) {
        return new Builder(baseUrl, elementPath);
    }

    @Override
    public void onSubscribe(Disposable d) {
        upstreams.add(d);
    }

    /** Queues the item; see the class comment for order, retries and the buffer. */
    @Override
    public void onNext(Object item) {
        if (item == null) {
            sender.drop("a null item", new NullPointerException("null pushed into " + name));
            return;
        }
        byte[] body;
        try {
            body = codec.encode(item);
        } catch (RuntimeException e) {
            sender.drop("an item that does not encode as JSON: " + item, e);
            return;
        }
        sender.offer(NotificationKind.NEXT, body);
    }

    /** Queues an error notification whose message is {@code e.toString()} (port out), or counts it (port in). */
    @Override
    public void onError(Throwable e) {
        if (port == Port.IN) {
            sender.skip();
            return;
        }
        sender.offer(NotificationKind.ERROR, codec.encode(String.valueOf(e)));
    }

    /** Queues a completed notification (port out), or counts it (port in). */
    @Override
    public void onComplete() {
        if (port == Port.IN) {
            sender.skip();
            return;
        }
        sender.offer(NotificationKind.COMPLETED, JSON_NULL);
    }

    /** The counters now. */
    public Stats stats() {
        OrderedSender.Counts c = sender.counts();
        return new Stats(c.sent(), c.rejected(), c.dropped(), c.skipped(), c.retries(), c.buffered());
    }

    /** Unlinks, delivers what it can within the close timeout, drops the rest (counted). Idempotent. */
    @Override
    public void close() {
        upstreams.dispose();
        sender.close(closeTimeout);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a {@link PostObserver}. Not thread-safe; the observer keeps its own copy. */
    public static final class Builder {
        private final URI base;
        private final String loop;
        private final String element;
        private Port port = Port.IN;
        private PostOptions options = PostOptions.defaults();
        private String token;
        private JsonCodec codec;

        private Builder(String baseUrl, String elementPath) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(elementPath, "elementPath");
            try {
                base = new URI(baseUrl);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl is not a URL: '" + baseUrl + "'", e);
            }
            checkBaseUrl(base);
            String[] parts = elementPath.split("\\.", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || elementPath.contains("/")) {
                throw new IllegalArgumentException("elementPath must be loop.element, got '" + elementPath + "'");
            }
            loop = parts[0];
            element = parts[1];
        }

        /** {@code base} when it is http(s) with a host, no query and no fragment (a server's base URL). */
        static URI checkBaseUrl(URI base) {
            if (!("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))
                    || base.getHost() == null || base.getRawQuery() != null || base.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must be http(s)://host[:port][/prefix], got '"
                        + base + "'");
            }
            return base;
        }

        /** The port of the remote element; default {@link Port#IN}. */
        public Builder port(Port port) {
            this.port = Objects.requireNonNull(port, "port");
            return this;
        }

        /** Buffer, overflow, backoff and timeouts; default {@link PostOptions#defaults()}. */
        public Builder options(PostOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The bearer token of the target server; default {@code rest.token} of the App in {@link #build(App)}. */
        public Builder token(String token) {
            this.token = Checks.notBlank(token, "token");
            return this;
        }

        /** The codec that encodes items; default the App's in {@link #build(App)}, else the standard one. */
        public Builder codec(JsonCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** An observer the caller closes, with an HTTP client of its own and no token unless one was set. */
        public PostObserver build() {
            return new PostObserver(this, codec != null ? codec : JsonCodec.standard(), token, null);
        }

        /**
         * An observer that uses the App's codec and {@code rest.token} (unless set here), shares the App's HTTP
         * client, and closes with the App.
         */
        public PostObserver build(App app) {
            Objects.requireNonNull(app, "app");
            PostObserver post = new PostObserver(this, codec != null ? codec : app.codec(),
                    token != null ? token : app.config().find(RestConfig.TOKEN).orElse(null), OrderedSender.Client.of(app));
            try {
                return app.manage(post);
            } catch (RuntimeException e) {
                post.close();
                throw e;
            }
        }

        private URI uri(NotificationKind n) {
            String prefix = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
            try {
                return new URI(base.getScheme(), base.getUserInfo(), base.getHost(), base.getPort(),
                        prefix + "/loops/" + loop + "/elements/" + element,
                        "port=" + port.wireName() + "&notification=" + n.wireName(), null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("cannot make a URL of " + base + " and " + loop + "." + element, e);
            }
        }
    }
}
