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
 * An Observer that POSTs what it receives to an element of another App's {@link RestServer}: PyMAPE's
 * {@code POSTObserver}, but in order. Link an element to it ({@code element.link(post)}) or subscribe it to any
 * source.
 *
 * <pre>{@code
 * PostObserver toAmbulance = PostObserver.builder("http://10.0.0.5:6060", "ambulance.emergency_policy").build(app);
 * detect.link(toAmbulance);
 * }</pre>
 *
 * <p><b>Order and delivery.</b> Each item is encoded as JSON on the thread that pushes it (by the App's codec, or
 * {@link JsonCodec#standard()}) and queued; one request is in flight at a time, so the target receives items in the
 * order they were pushed. While the target is unreachable (connection refused, timeout, 408, 425, 429, 502, 503,
 * 504) the same item is sent again after an exponential backoff, so delivery is at least once: an item whose answer
 * was lost may arrive twice. Any other non-2xx answer (400 wrong type, 404 no such element, 413, 401) is final: the
 * item is logged, counted in {@link Stats#rejected()}, and the next one goes.
 *
 * <p><b>Buffer.</b> At most {@link Builder#bufferSize(int) bufferSize} items (default {@value #DEFAULT_BUFFER_SIZE})
 * wait besides the one in flight. When full, the {@link Overflow} policy drops one (by default the oldest waiting:
 * a monitor's newest reading matters most); drops are counted in {@link Stats#dropped()} and logged when a run of
 * them starts and ends.
 *
 * <p><b>Threads.</b> {@code onNext}, {@code onError} and {@code onComplete} may be called from any thread and never
 * block on the network; the requests run on one daemon thread per observer. An error is sent as
 * {@code notification=error} with its {@code toString()} as a JSON string; completion as
 * {@code notification=completed}, both in order with the items.
 *
 * <p><b>Closing.</b> {@link #close()} disposes the subscriptions, waits up to {@link Builder#closeTimeout(Duration)
 * closeTimeout} (default 2 s) for the buffer to drain, then drops what is left. {@link Builder#build(App)} registers
 * the observer with {@link App#manage}, so it closes with the App.
 */
public final class PostObserver implements Observer<Object>, AutoCloseable {

    /** The default number of items that may wait. */
    public static final int DEFAULT_BUFFER_SIZE = 10_000;

    /** What to drop when the buffer is full. */
    public enum Overflow {
        /** Drop the oldest waiting item to make room for the new one (the default). */
        DROP_OLDEST,
        /** Drop the new item. */
        DROP_NEWEST
    }

    /**
     * Counters since the observer was built.
     *
     * @param sent     notifications the target accepted (2xx)
     * @param rejected notifications the target refused with a final error status
     * @param dropped  notifications lost here: buffer overflow, not encodable, or left when closed
     * @param retries  requests sent again because the target was unreachable
     * @param buffered notifications waiting or in flight now
     */
    public record Stats(long sent, long rejected, long dropped, long retries, int buffered) {
    }

    private final String name;
    private final JsonCodec codec;
    private final Duration closeTimeout;
    private final OrderedSender sender;
    private final CompositeDisposable upstreams = new CompositeDisposable();

    private PostObserver(Builder b, JsonCodec codec) {
        this.codec = codec;
        this.closeTimeout = b.closeTimeout;
        Map<NotificationKind, URI> uris = new EnumMap<>(NotificationKind.class);
        for (NotificationKind n : NotificationKind.values()) {
            uris.put(n, b.uri(n));
        }
        this.name = "POST " + b.uri(NotificationKind.NEXT).toString().replaceFirst("\\?.*", "") + " (port "
                + b.port.wireName() + ")";
        this.sender = new OrderedSender(new OrderedSender.Options(name, uris,
                b.token == null ? null : "Bearer " + b.token, b.bufferSize, b.overflow == Overflow.DROP_OLDEST,
                b.minBackoff, b.maxBackoff, b.requestTimeout));
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

    /** Queues an error notification whose message is {@code e.toString()}. */
    @Override
    public void onError(Throwable e) {
        sender.offer(NotificationKind.ERROR, codec.encode(String.valueOf(e)));
    }

    /** Queues a completed notification. */
    @Override
    public void onComplete() {
        sender.offer(NotificationKind.COMPLETED, new byte[0]);
    }

    /** The counters now. */
    public Stats stats() {
        OrderedSender.Counts c = sender.counts();
        return new Stats(c.sent(), c.rejected(), c.dropped(), c.retries(), c.buffered());
    }

    /** Disposes the subscriptions, delivers what it can within the close timeout, drops the rest. Idempotent. */
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
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private Overflow overflow = Overflow.DROP_OLDEST;
        private Duration minBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(2);
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
            if (!("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))
                    || base.getHost() == null || base.getRawQuery() != null || base.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must be http(s)://host[:port][/prefix], got '"
                        + baseUrl + "'");
            }
            String[] parts = elementPath.split("\\.", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || elementPath.contains("/")) {
                throw new IllegalArgumentException("elementPath must be loop.element, got '" + elementPath + "'");
            }
            loop = parts[0];
            element = parts[1];
        }

        /** The port of the remote element; default {@link Port#IN}. */
        public Builder port(Port port) {
            this.port = Objects.requireNonNull(port, "port");
            return this;
        }

        /** How many items may wait besides the one in flight; default {@value #DEFAULT_BUFFER_SIZE}. */
        public Builder bufferSize(int bufferSize) {
            if (bufferSize < 1) {
                throw new IllegalArgumentException("bufferSize must be at least 1, got " + bufferSize);
            }
            this.bufferSize = bufferSize;
            return this;
        }

        /** What to drop when the buffer is full; default {@link Overflow#DROP_OLDEST}. */
        public Builder overflow(Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        /** The wait before the first retry, doubled at each one up to {@code max}; default 100 ms to 5 s. */
        public Builder backoff(Duration min, Duration max) {
            positive(min, "min backoff");
            positive(max, "max backoff");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max backoff " + max + " is shorter than min backoff " + min);
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /** How long to wait for a connection and then for an answer, before retrying; default 10 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long {@link #close()} waits for the buffer to drain; default 2 s; zero drops at once. */
        public Builder closeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, got " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /** The bearer token of the target server; default none. */
        public Builder token(String token) {
            this.token = Checks.notBlank(token, "token");
            return this;
        }

        /** The codec that encodes items; default the App's in {@link #build(App)}, else the standard one. */
        public Builder codec(JsonCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** An observer the caller closes. */
        public PostObserver build() {
            return new PostObserver(this, codec != null ? codec : JsonCodec.standard());
        }

        /** An observer that uses the App's codec (unless one was set) and closes with the App. */
        public PostObserver build(App app) {
            Objects.requireNonNull(app, "app");
            PostObserver post = new PostObserver(this, codec != null ? codec : app.codec());
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

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
