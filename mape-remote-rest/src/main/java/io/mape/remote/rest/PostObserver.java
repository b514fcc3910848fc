package io.mape.remote.rest;

import io.mape.App;
import io.mape.codec.JsonCodec;
import io.mape.internal.Checks;
import io.mape.internal.LossLog;
import io.mape.observe.Observability;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.SinkOptions;
import io.mape.remote.rest.internal.Http;
import io.mape.remote.spi.Outbox;
import io.mape.remote.spi.SendResult;
import io.mape.remote.spi.TransportDriver;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * {@link JsonCodec#standard()}) and offered to the observer's {@link Outbox}, the one every sink has; one request
 * is in flight at a time, so the target receives items in the order they were pushed. While the target is away
 * (connection refused, no full answer within {@link Builder#requestTimeout the request timeout}, 408, 425, 429, 502, 503, 504)
 * the same item is sent again after an exponential backoff; only a timed-out exchange, sent again, may arrive
 * twice. Any other answer that is not 2xx (400 wrong type, 404 no such element, 413, 401), and a connection cut once
 * the request may have been written, fails the item: counted in {@link DeliveryStats#failed()}, logged with the
 * server's JSON error (rate-limited), and the next one goes.
 *
 * <p><b>Outbox.</b> The {@link SinkOptions} of every sink apply: at most {@link SinkOptions#capacity()} items wait,
 * the one in flight (or being sent again) included; when full, the {@link SinkOptions#overflow()} policy drops one,
 * counted as {@link DropReason#OVERFLOW} and logged, rate-limited. An item larger than
 * {@link SinkOptions#maxItemBytes()} encoded is dropped as {@link DropReason#TOO_LARGE}. An observer built with
 * {@link Builder#build(App)} publishes each drop as an {@link io.mape.observe.Event.Drop} of the App
 * ({@link Observability}), its path the observer's name ({@code POST http://host:port/loops/l/elements/e (port in)}).
 *
 * <p><b>Errors and completion.</b> To {@link Port#OUT} they are sent in order with the items, in the form PyMAPE's
 * API takes: {@code notification=error} with {@code e.toString()} as a JSON string, {@code notification=completed}
 * with the body {@code null}; they count in {@link #stats()} like items, and one the target had not taken when the
 * observer closes is dropped without a warning. To {@link Port#IN} they are not sent (logged at DEBUG, not counted):
 * an element fans in from many sources, and PyMAPE's server would end the element's port in for good.
 *
 * <p><b>Threads.</b> {@code onNext}, {@code onError} and {@code onComplete} may be called from any thread and never
 * block on the network; requests go out on the pushing thread when nothing waits, else from a worker of
 * {@code Schedulers.computation()}, over one HTTP client per App.
 *
 * <p><b>Closing.</b> {@link #close()} unlinks (disposes the subscriptions), waits up to
 * {@link SinkOptions#closeGrace()} for the outbox to drain, then drops what is left ({@link DropReason#CLOSED}).
 * {@link Builder#build(App)} registers the observer with {@link App#manage}, so it closes with the App.
 */
public final class PostObserver implements Observer<Object>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostObserver.class);
    private static final byte[] JSON_NULL = {'n', 'u', 'l', 'l'};

    /** One notification to send. */
    private record Request(NotificationKind notification, byte[] body) {
    }

    private final String name;
    private final JsonCodec codec;
    private final Port port;
    private final Map<NotificationKind, URI> uris = new EnumMap<>(NotificationKind.class);
    private final String authorization;
    private final Duration requestTimeout;
    private final SinkOptions options;
    private final Http.Client client;
    private final boolean ownsClient;
    private final Outbox<Request> outbox;
    private final CompositeDisposable upstreams = new CompositeDisposable();
    /** Whether the last answer asked to retry; the outbox has one send at a time. */
    private volatile boolean retrying;
    private volatile boolean closed;

    /** An observer of {@code app} (null for one built without) publishes its drops as the App's events. */
    private PostObserver(Builder b, App app, JsonCodec codec, String token, Http.Client client) {
        this.codec = codec;
        this.port = b.port;
        for (NotificationKind n : NotificationKind.values()) {
            uris.put(n, b.uri(n));
        }
        this.name = "POST " + b.uri(NotificationKind.NEXT).toString().replaceFirst("\\?.*", "") + " (port "
                + b.port.wireName() + ")";
        this.authorization = token == null ? null : "Bearer " + token;
        this.requestTimeout = b.requestTimeout;
        this.options = b.options;
        this.ownsClient = client == null;
        this.client = client == null ? new Http.Client() : client;
        this.outbox = new Outbox<>(name, b.options, this::send, () -> true, 1, Schedulers.computation(),
                r -> r.notification() != NotificationKind.NEXT);
        if (app != null) {
            outbox.publishDrops(Observability.of(app), name);
        }
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

    /** Offers the item; see the class comment for order, retries and the buffer. */
    @Override
    public void onNext(Object item) {
        if (item == null) {
            outbox.refuse(DropReason.UNENCODABLE, "a null item");
            return;
        }
        byte[] body;
        try {
            body = codec.encode(item);
        } catch (RuntimeException e) {
            outbox.refuse(DropReason.UNENCODABLE, "an item that does not encode as JSON: " + LossLog.brief(item) + ": "
                    + e);
            return;
        }
        outbox.offerEncoded(new Request(NotificationKind.NEXT, body), body.length);
    }

    /** Offers an error notification whose message is {@code e.toString()} (port out); see the class comment. */
    @Override
    public void onError(Throwable e) {
        terminate(NotificationKind.ERROR, codec.encode(String.valueOf(e)));
    }

    /** Offers a completed notification (port out); see the class comment. */
    @Override
    public void onComplete() {
        terminate(NotificationKind.COMPLETED, JSON_NULL);
    }

    private void terminate(NotificationKind notification, byte[] body) {
        if (port == Port.IN) {
            LOG.debug("{}: a {} notification is not sent to port in", name, notification.wireName());
            return;
        }
        outbox.offer(new Request(notification, body));
    }

    /** Sends one request; its answer goes to the outbox (2xx: the element took it). */
    private void send(Request r, TransportDriver.SendCallback done) {
        Http.post(client, uris.get(r.notification()), authorization, requestTimeout, r.body()).thenAccept(reply -> {
            SendResult result = reply.taken() ? SendResult.ACKNOWLEDGED : reply.result();
            boolean wasRetrying = retrying;
            retrying = result == SendResult.RETRY;
            if (result == SendResult.RETRY && !wasRetrying && r.notification() == NotificationKind.NEXT) {
                LOG.warn("{}: {}; retrying with backoff (up to {} ms) while up to {} notifications wait", name,
                        reply.cause().getMessage(), options.maxBackoff().toMillis(), options.capacity());
            } else if (result != SendResult.RETRY && wasRetrying) {
                LOG.info("{}: the target answers again", name);
            }
            done.done(result, result == SendResult.FAILED ? refusal(r, reply) : reply.cause());
            if (closed) {
                closeOwnClientWhenIdle();
            }
        });
    }

    /** Why the target did not take {@code r}, with a hint for a 401. */
    private static Throwable refusal(Request r, Http.Reply reply) {
        if (reply.response() == null) {
            return reply.cause();
        }
        int status = reply.response().statusCode();
        return new IOException("the target refused a " + r.notification().wireName() + " notification (HTTP "
                + status + ")" + (status == 401
                ? " (it asks for a token: rest.token in the config, or token(...) on the builder)" : "") + ": "
                + reply.cause().getMessage());
    }

    /**
     * The counters since the observer was built, in the vocabulary of every sink: each item, and each error or
     * completion sent to port out, is sent (and acknowledged: the target took it), failed, dropped or pending.
     */
    public DeliveryStats stats() {
        return outbox.stats();
    }

    /**
     * Unlinks, delivers what it can within the close timeout, drops the rest (counted). A request still in flight is
     * counted when it answers (within the request timeout); an observer with a client of its own closes that client
     * then. Idempotent.
     */
    @Override
    public void close() {
        upstreams.dispose();
        outbox.close();
        closed = true;
        closeOwnClientWhenIdle();
    }

    private void closeOwnClientWhenIdle() {
        if (ownsClient && outbox.stats().pending() == 0) {
            client.close();
        }
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
        private SinkOptions options = SinkOptions.defaults();
        private Duration requestTimeout = Http.DEFAULT_REQUEST_TIMEOUT;
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

        /**
         * The outbox: capacity, overflow, backoff, close grace, largest item; default {@link SinkOptions#defaults()},
         * as for every sink.
         */
        public Builder sinkOptions(SinkOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The bound on one exchange, from connecting to the last byte of the answer, before it is abandoned and sent
         * again; default 10 s.
         *
         * @throws IllegalArgumentException unless positive
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Http.requestTimeout(timeout);
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
            return new PostObserver(this, null, codec != null ? codec : JsonCodec.standard(), token, null);
        }

        /**
         * An observer that uses the App's codec and {@code rest.token} (unless set here), shares the App's HTTP
         * client, and closes with the App.
         */
        public PostObserver build(App app) {
            Objects.requireNonNull(app, "app");
            PostObserver post = new PostObserver(this, app, codec != null ? codec : app.codec(),
                    token != null ? token : app.config().find(RestConfig.TOKEN).orElse(null), Http.Client.of(app));
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
