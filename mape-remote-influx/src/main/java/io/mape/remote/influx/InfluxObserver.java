package io.mape.remote.influx;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.mape.App;
import io.mape.Message;
import io.mape.config.MapeConfig;
import io.mape.internal.Checks;
import io.mape.observe.Observability;
import io.mape.remote.BatchOptions;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.RemoteUnavailableException;
import io.mape.remote.SinkOptions;
import io.mape.remote.influx.internal.InfluxClients;
import io.mape.remote.influx.internal.LineWriter;
import io.mape.remote.influx.internal.PointMapper;
import io.mape.remote.spi.Outbox;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink that writes each item it receives as a point to InfluxDB 2 (or any server that takes its write protocol):
 * {@code detect.link(InfluxObserver.builder().app(app).measurement("car").build())}. Every builder argument is
 * optional, as in PyMAPE:
 *
 * <ul>
 *   <li>measurement: default the item's simple class name ({@code Message}, {@code Double}, ...);</li>
 *   <li>tags: default, for a {@link Message}, its {@code src} and {@code dst} (absent ones left out);</li>
 *   <li>fields: default one field {@code value}: a Message's value, a Map's {@code "value"} entry, or a number,
 *       boolean or string item itself;</li>
 *   <li>time: a Message's timestamp, else when the item arrived (nanosecond precision);</li>
 *   <li>{@link Builder#raw() raw mode}: the items are the client's own {@link Point}s, written as they are;</li>
 *   <li>url, token, org, bucket: from code, else the {@code influxdb} section of the App's (or given, or loaded)
 *       {@link MapeConfig}; or an injected {@link InfluxDBClient}.</li>
 * </ul>
 *
 * <p><b>Outbox.</b> {@code onNext} turns the item into a line of line protocol on the pushing thread and offers it
 * to the observer's {@link Outbox}, the one every sink has ({@link SinkOptions}: capacity, overflow policy,
 * backoff, close grace, largest item), which makes batches of it ({@link BatchOptions}: a full batch goes at once, a
 * partial one after the flush interval) and writes one batch at a time, in order, with the client's blocking write
 * on a worker of {@code Schedulers.io()}; {@code onNext} never waits for the server (unless
 * {@link io.mape.remote.OverflowPolicy#BLOCK} says so). Thread-safe: subscribe it to as many sources as you like.
 *
 * <p><b>Failures never reach the stream.</b> Every item is sent (the server stored its point), failed, dropped by
 * {@link DropReason} or pending in {@link #stats()}. An item that cannot become a point is dropped as
 * {@link DropReason#UNENCODABLE}; while the server cannot take a batch (not reached, 429, 5xx) the same batch is
 * written again with backoff and new points wait in the outbox, up to its capacity; a batch the server refuses
 * (another 4xx) fails, logged with the server's reason. Losses are logged at WARN, rate-limited, as for every sink;
 * an observer built with {@link Builder#app} also publishes each drop as an {@link io.mape.observe.Event.Drop} of the
 * App ({@link Observability}), its path the observer's name ({@code influx at http://host:8086 bucket b}).
 * {@code onError} from a source is logged; {@code onComplete} flushes; neither closes the observer, which may have
 * other sources.
 *
 * <p><b>Closing</b> ({@link #close()}, {@link #dispose()}, or the App's close when built with {@link Builder#app})
 * unlinks it from every source it is subscribed to, then writes what is pending, waiting up to
 * {@link SinkOptions#closeGrace()}, drops what is left ({@link DropReason#CLOSED}), and closes the client unless it
 * was injected. Items pushed to it afterwards by hand are dropped as {@link DropReason#CLOSED}.
 *
 * <p><b>Start.</b> {@link Builder#build()} checks once that the server answers (any HTTP answer to {@code GET /ping}
 * will do) and throws {@link RemoteUnavailableException} when it cannot be reached; later outages are survived.
 *
 * @param <T> what it receives
 */
public final class InfluxObserver<T> implements Observer<T>, Disposable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxObserver.class);

    private final String name;
    private final PointMapper<T> mapper;
    private final Outbox<String> outbox;
    private final InfluxDBClient client;
    private final boolean ownsClient;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The subscriptions of the sources linked to it, cut on close. */
    private final CompositeDisposable sources = new CompositeDisposable();

    private InfluxObserver(Builder<T> b, InfluxDBClient client, boolean ownsClient, String org, String bucket,
                           String where) {
        this.name = "influx " + where + " bucket " + bucket;
        this.mapper = new PointMapper<>(b.measurement, b.tags, b.fields, b.raw);
        this.client = client;
        this.ownsClient = ownsClient;
        WriteApiBlocking api = client.getWriteApiBlocking();
        LineWriter writer = new LineWriter(name, LOG, lines -> api.writeRecords(bucket, org, WritePrecision.NS, lines),
                Schedulers.io());
        this.outbox = new Outbox<>(name, b.sinkOptions, b.batchOptions, writer, () -> true, 1,
                Schedulers.computation());
        if (b.app != null) {
            outbox.publishDrops(Observability.of(b.app), name);
        }
    }

    /** A builder; type the items with {@code InfluxObserver.<Speed>builder()} when the fields mapper needs them. */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Keeps the source's subscription, to cut it on close; a source linked after close is cut at once. */
    @Override
    public void onSubscribe(Disposable d) {
        if (!sources.add(d)) {
            d.dispose();
        }
    }

    @Override
    public void onNext(T item) {
        String line;
        try {
            line = mapper.line(item);
        } catch (RuntimeException e) {
            outbox.refuse(DropReason.UNENCODABLE, "the item cannot become a point: " + e.getMessage());
            return;
        }
        outbox.offerEncoded(line, LineWriter.utf8Length(line));
    }

    @Override
    public void onError(Throwable e) {
        LOG.warn("{}: a source failed; the observer goes on with its other sources", name, e);
    }

    /** Flushes: the source is done, what it sent should not wait for the flush interval. */
    @Override
    public void onComplete() {
        flush();
    }

    /** Asks for the pending points to be written now rather than at the flush interval; returns at once. */
    public void flush() {
        outbox.flush();
    }

    /**
     * The counters since the observer was built, in the vocabulary of every sink: each item is sent (and
     * acknowledged: the server stored its point), failed, dropped by reason, or pending.
     */
    public DeliveryStats stats() {
        return outbox.stats();
    }

    /**
     * Unlinks it from its sources, writes what is pending (up to {@link SinkOptions#closeGrace()}), drops the rest,
     * and closes the client unless it was injected. Blocks the calling thread for that long at most. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sources.dispose();
        outbox.close();
        if (ownsClient) {
            client.close();
        }
        LOG.debug("{}: closed; {}", name, stats());
    }

    /** Same as {@link #close()}. */
    @Override
    public void dispose() {
        close();
    }

    @Override
    public boolean isDisposed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return "InfluxObserver{" + name + "}";
    }

    /**
     * Builds an {@link InfluxObserver}. Connection settings set here win over the configuration; the configuration
     * is the given one, else the App's, else {@link MapeConfig#load()}, and is read only for what is not set here.
     */
    public static final class Builder<T> {
        private String measurement;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private Function<? super T, ? extends Map<String, ?>> fields;
        private boolean raw;
        private String url;
        private String token;
        private String org;
        private String bucket;
        private MapeConfig config;
        private App app;
        private InfluxDBClient client;
        private SinkOptions sinkOptions = SinkOptions.defaults();
        private BatchOptions batchOptions = BatchOptions.defaults();

        private Builder() {
        }

        /** The measurement of every point; default the item's simple class name. */
        public Builder<T> measurement(String measurement) {
            this.measurement = Checks.notBlank(measurement, "measurement");
            return this;
        }

        /** Adds a tag to every point; once any tag is given, a Message's src and dst are no longer taken. */
        public Builder<T> tag(String key, String value) {
            tags.put(Checks.notBlank(key, "tag key"), Checks.notBlank(value, "value of tag '" + key + "'"));
            return this;
        }

        /** Adds these tags to every point, as {@link #tag} does. */
        public Builder<T> tags(Map<String, String> tags) {
            Objects.requireNonNull(tags, "tags").forEach(this::tag);
            return this;
        }

        /**
         * Turns an item into its fields (name to number, boolean or string; null values are left out). An item
         * for which it throws or returns no field is dropped ({@link DropReason#UNENCODABLE}), never the stream.
         */
        public Builder<T> fields(Function<? super T, ? extends Map<String, ?>> fields) {
            this.fields = Objects.requireNonNull(fields, "fields");
            return this;
        }

        /** Raw mode: items are {@link Point}s, written as they are; other items are dropped as unencodable. */
        public Builder<T> raw() {
            this.raw = true;
            return this;
        }

        /** The server's {@code http://} or {@code https://} URL. */
        public Builder<T> url(String url) {
            this.url = checkUrl(url, "url");
            return this;
        }

        /** The API token; none for a server without authentication. A blank token is refused. */
        public Builder<T> token(String token) {
            this.token = Checks.notBlank(token, "token");
            return this;
        }

        public Builder<T> org(String org) {
            this.org = Checks.notBlank(org, "org");
            return this;
        }

        public Builder<T> bucket(String bucket) {
            this.bucket = Checks.notBlank(bucket, "bucket");
            return this;
        }

        /** Where to read the {@code influxdb} section from, instead of the App's configuration or the loaded one. */
        public Builder<T> config(MapeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The App: its configuration is read, and closing it closes the observer ({@link App#manage}). */
        public Builder<T> app(App app) {
            this.app = Objects.requireNonNull(app, "app");
            return this;
        }

        /** A client to write with, instead of one built from url and token; the observer does not close it. */
        public Builder<T> client(InfluxDBClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The outbox: capacity (points waiting or being written), overflow, backoff, close grace, largest line;
         * default {@link SinkOptions#defaults()}, as for every sink.
         */
        public Builder<T> sinkOptions(SinkOptions options) {
            this.sinkOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The most points in one write and the longest one waits for its batch; default {@link BatchOptions#defaults()}. */
        public Builder<T> batchOptions(BatchOptions options) {
            this.batchOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Builds the observer, after checking once that the server can be reached (not for an injected client).
         *
         * @throws IllegalStateException      when a setting is missing or does not fit with another, saying where
         *                                    to set it
         * @throws RemoteUnavailableException when nothing answers at the url
         */
        public InfluxObserver<T> build() {
            if (raw && (measurement != null || !tags.isEmpty() || fields != null)) {
                throw new IllegalStateException("raw mode writes the Points as they are: "
                        + "measurement, tags and fields do not apply");
            }
            if (client != null && (url != null || token != null)) {
                throw new IllegalStateException("url and token belong to the injected client; set one or the other");
            }
            MapeConfig section = url != null && token != null && org != null && bucket != null
                    || client != null && org != null && bucket != null ? null : section();
            String theOrg = org != null ? org : required(section.get(InfluxConfig.ORG), "org", "ORG");
            String theBucket = bucket != null ? bucket
                    : required(section.get(InfluxConfig.BUCKET), "bucket", "BUCKET");
            InfluxObserver<T> observer;
            if (client != null) {
                observer = new InfluxObserver<>(this, client, false, theOrg, theBucket, "(injected client)");
            } else {
                String theUrl = url != null ? url
                        : checkUrl(required(section.get(InfluxConfig.URL), "url", "URL"),
                                "influxdb.url in the configuration");
                String theToken = token != null ? token : section == null ? null : section.get(InfluxConfig.TOKEN);
                InfluxClients.checkReachable(theUrl);
                observer = new InfluxObserver<>(this, InfluxClients.create(theUrl, theToken, theOrg, theBucket), true,
                        theOrg, theBucket, "at " + theUrl);
            }
            if (app != null) {
                try {
                    app.manage(observer);
                } catch (RuntimeException e) {
                    observer.close();
                    throw e;
                }
            }
            return observer;
        }

        private MapeConfig section() {
            return config != null ? config : app != null ? app.config() : MapeConfig.load();
        }

        private static String required(String value, String key, String env) {
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("no InfluxDB " + key + ": set influxdb." + key + " in "
                        + MapeConfig.FILE_NAME + ", the environment variable MAPE_INFLUXDB_" + env + ", or "
                        + "InfluxObserver.builder()." + key + "(...)");
            }
            return value;
        }

        private static String checkUrl(String url, String what) {
            Checks.notBlank(url, what);
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " is not a URL: '" + url + "'", e);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(what + " must be an http:// or https:// URL with a host, got '"
                        + url + "'");
            }
            if (uri.getPort() > 65535) {
                throw new IllegalArgumentException(what + " has a port beyond 65535: '" + url + "'");
            }
            return url;
        }
    }
}
