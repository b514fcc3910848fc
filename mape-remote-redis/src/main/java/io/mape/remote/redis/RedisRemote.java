package io.mape.remote.redis;

import io.mape.remote.RemoteUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.mape.App;
import io.mape.Element;
import io.mape.remote.redis.internal.Dispatcher;
import io.mape.remote.redis.internal.Publisher;
import io.mape.remote.redis.internal.RedisStore;
import io.mape.remote.redis.internal.RedisUrls;
import java.lang.reflect.Type;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An App's connection to Redis: one Lettuce client (one connection to publish, one for all the pattern
 * subscriptions), made by {@link #of(App)} and closed with the App. Makes the {@link PubObserver}s and
 * {@link SubObservable}s that let loops talk over Redis channels.
 *
 * <pre>{@code
 * RedisRemote redis = RedisRemote.of(app);                          // redis.url of the App's config
 * redis.pub(detect);                                                // detect's items to channel "ambulance.detect"
 * redis.sub(collect, "car_*.detect");                              // every car's detect into collect
 * }</pre>
 *
 * <p><b>Start-up.</b> {@code of} connects at once and fails fast with {@link RemoteUnavailableException} when Redis
 * cannot be reached; it does not retry. <b>Later outages</b> are survived: both connections reconnect on their own
 * (backing off up to {@link RedisOptions#maxReconnectDelay()}), the pattern subscriptions are made again, and
 * publishes wait in a bounded buffer meanwhile ({@link RedisOptions#publishBuffer()}) and go out in order once it is
 * back.
 *
 * <p>Thread-safe.
 */
public final class RedisRemote implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRemote.class);
    private static final Map<App, RedisRemote> REMOTES = new WeakHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final App app;
    private final RedisOptions options;
    private final String url;
    private final ClientResources resources;
    private final RedisClient client;
    private final Set<RedisChannelHandler<?, ?>> lost = ConcurrentHashMap.newKeySet();
    private final StatefulRedisConnection<String, byte[]> pubConnection;
    private final StatefulRedisPubSubConnection<String, byte[]> subConnection;
    private final Dispatcher dispatcher;
    private final Publisher publisher;
    private final int database;
    private final String name;
    private final Set<RedisKnowledgeBackend> backends = ConcurrentHashMap.newKeySet();
    private StatefulRedisConnection<String, byte[]> commandConnection;
    private RedisKnowledgeBackend knowledge;
    private volatile boolean closed;

    private RedisRemote(App app, RedisOptions options) {
        this.app = app;
        this.options = options;
        this.url = RedisUrls.redact(options.url());
        RedisURI uri = RedisUrls.parse(options.url());
        uri.setTimeout(options.commandTimeout());
        this.database = uri.getDatabase();
        this.name = "mape-redis-" + IDS.incrementAndGet();
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), options.maxReconnectDelay(), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        ClientOptions clientOptions = ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(options.connectTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled())
                .build();
        client.addListener(new StateLog());
        StatefulRedisConnection<String, byte[]> pub = null;
        try {
            // a connection takes the client's options when it is made: the publishing one rejects commands while
            // disconnected, so that Lettuce never re-sends one after later ones (the Publisher keeps them instead)
            client.setOptions(clientOptions.mutate()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
            pub = client.connect(CODEC);
            client.setOptions(clientOptions);
            this.pubConnection = pub;
            this.subConnection = client.connectPubSub(CODEC);
        } catch (RedisException e) {
            if (pub != null) {
                pub.close();
            }
            shutdownClient();
            throw new RemoteUnavailableException("cannot connect to Redis at " + url + ": " + rootMessage(e)
                    + "; start Redis there, or name another with redis.url in mape.yml, MAPE_REDIS_URL or "
                    + "RedisOptions.url", e);
        }
        this.dispatcher = new Dispatcher(subConnection, options.deliveryBuffer(), name);
        this.publisher = new Publisher(pubConnection, options.publishBuffer(), name);
        LOG.info("connected to Redis at {}", url);
    }

    /**
     * The App's remote, connecting on the first call to the URL of its configuration ({@code redis.url},
     * {@code MAPE_REDIS_URL}), else {@value RedisOptions#DEFAULT_URL}.
     *
     * @throws RemoteUnavailableException when Redis cannot be reached (no retry)
     */
    public static RedisRemote of(App app) {
        return of(app, RedisOptions.defaults());
    }

    /** The App's remote, connecting on the first call to {@code url}; see {@link #of(App, RedisOptions)}. */
    public static RedisRemote of(App app, String url) {
        return of(app, RedisOptions.builder().url(url).build());
    }

    /**
     * The App's remote: created and connected on the first call, registered with {@link App#manage} so that it
     * closes with the App; later calls with the same options return it.
     *
     * @throws IllegalStateException     when the App already has a remote with other options
     * @throws RemoteUnavailableException when Redis cannot be reached (no retry)
     */
    public static RedisRemote of(App app, RedisOptions options) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(options, "options");
        RedisOptions resolved = options.url() != null ? options
                : options.toBuilder().url(app.config().find(RedisConfig.URL).orElse(RedisOptions.DEFAULT_URL)).build();
        synchronized (REMOTES) {
            RedisRemote existing = REMOTES.get(app);
            if (existing != null && !existing.closed) {
                if (!existing.options.equals(resolved)) {
                    throw new IllegalStateException("this App already has a RedisRemote with " + existing.options
                            + "; asked for " + resolved);
                }
                return existing;
            }
            RedisRemote remote = new RedisRemote(app, resolved);
            try {
                app.manage(remote);
            } catch (IllegalStateException e) {
                remote.close();
                throw e;
            }
            REMOTES.put(app, remote);
            return remote;
        }
    }

    // ---------------------------------------------------------------- pub/sub

    /**
     * A {@link PubObserver} publishing to {@code channel}; link it to a source ({@code element.link(pub)},
     * {@code observable.subscribe(pub)}).
     */
    public PubObserver pub(String channel) {
        if (channel == null || channel.isEmpty()) {
            throw new IllegalArgumentException("a channel name must not be " + (channel == null ? "null" : "empty"));
        }
        checkOpen();
        return new PubObserver(this, channel);
    }

    /** A {@link PubObserver} publishing to channel {@code element.path()}, already linked to the element. */
    public PubObserver pub(Element<?, ?> element) {
        Objects.requireNonNull(element, "element");
        if (element.loop() == null) {
            throw new IllegalArgumentException(element + " is in no loop, so it has no path to name the channel");
        }
        PubObserver pub = pub(element.path());
        element.link(pub);
        return pub;
    }

    /**
     * A {@link SubObservable} of the channels matching these glob patterns ({@code car_*.detect},
     * {@code car_[xy].detect}), decoding each message into {@code type}.
     */
    public <T> SubObservable<T> sub(Class<T> type, String... patterns) {
        return sub((Type) type, patterns);
    }

    /**
     * As {@link #sub(Class, String...)} for a generic type such as an element's {@link Element#inputType()}; the
     * caller vouches that {@code T} is {@code type}.
     */
    public <T> SubObservable<T> sub(Type type, String... patterns) {
        checkOpen();
        return new SubObservable<>(this, type, patterns);
    }

    /**
     * A {@link SubObservable} of these patterns decoding into the element's {@link Element#inputType()}, already
     * subscribed by the element (removing the element from its loop ends that subscription).
     */
    public <I> SubObservable<I> sub(Element<I, ?> element, String... patterns) {
        Objects.requireNonNull(element, "element");
        SubObservable<I> sub = sub(element.inputType(), patterns);
        sub.subscribe(element);
        return sub;
    }

    // ---------------------------------------------------------------- knowledge

    /**
     * The remote's Knowledge backend, made on the first call ({@link RedisKnowledgeBackend#create}) and closed with
     * the remote.
     *
     * @throws io.mape.knowledge.KnowledgeException when Redis does not publish keyspace events and refuses to turn
     *                                              them on
     */
    public synchronized RedisKnowledgeBackend knowledge() {
        checkOpen();
        if (knowledge == null || knowledge.isClosed()) {
            knowledge = RedisKnowledgeBackend.create(this);
        }
        return knowledge;
    }

    // ---------------------------------------------------------------- state

    public App app() {
        return app;
    }

    /** The options in force, with the URL resolved. */
    public RedisOptions options() {
        return options;
    }

    /** The URL connected to, password hidden. */
    public String url() {
        return url;
    }

    /** Whether both connections are up now. */
    public boolean isConnected() {
        return pubConnection.isOpen() && subConnection.isOpen();
    }

    /** Received messages dropped because {@link RedisOptions#deliveryBuffer()} was full. */
    public long deliveryDropped() {
        return dispatcher.dropped();
    }

    /** Closes the subscriptions (their observers complete), the connections and the client. Idempotent. */
    @Override
    public void close() {
        synchronized (REMOTES) {
            if (closed) {
                return;
            }
            closed = true;
            REMOTES.remove(app, this);
        }
        backends.forEach(RedisKnowledgeBackend::close);
        dispatcher.close();
        publisher.close();
        subConnection.close();
        pubConnection.close();
        synchronized (this) {
            if (commandConnection != null) {
                commandConnection.close();
            }
        }
        shutdownClient();
        LOG.info("closed the connection to Redis at {}", url);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "RedisRemote{" + url + (closed ? ", closed" : "") + "}";
    }

    // ---------------------------------------------------------------- for the pub/sub types

    /**
     * Publishes in order, now or once the connection is back; {@code done} gets the number of receivers or the
     * failure.
     *
     * @return false, publishing nothing, when {@link RedisOptions#publishBuffer()} publishes already wait
     */
    boolean publish(String channel, byte[] body, BiConsumer<Long, Throwable> done) {
        return publisher.offer(channel, body, done);
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    /** A store for a Knowledge backend, over the command connection (made on the first call). */
    synchronized RedisStore newStore(String namespace) {
        checkOpen();
        if (commandConnection == null) {
            commandConnection = connect();
        }
        return new RedisStore(commandConnection, this::connect, dispatcher, database, app.codec(),
                options.commandTimeout(), url, name, namespace);
    }

    void track(RedisKnowledgeBackend backend) {
        backends.add(backend);
        if (closed) {
            backend.close();
        }
    }

    void untrack(RedisKnowledgeBackend backend) {
        backends.remove(backend);
    }

    /** A new connection with the client's options (buffering while disconnected); the caller closes it. */
    private StatefulRedisConnection<String, byte[]> connect() {
        checkOpen();
        try {
            return client.connect(CODEC);
        } catch (RedisException e) {
            throw new RemoteUnavailableException("cannot connect to Redis at " + url + ": " + rootMessage(e), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private void shutdownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Logs losing and regaining a connection; forgets the subscription confirmations of a lost pub/sub one. */
    private final class StateLog implements RedisConnectionStateListener {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (closed) {
                return;
            }
            if (connection == subConnection && dispatcher != null) {
                dispatcher.disconnected();
            }
            if (lost.add(connection)) {
                LOG.warn("lost a connection to Redis at {}; reconnecting", url);
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (lost.remove(connection)) {
                LOG.info("reconnected to Redis at {}{}", url, connection == subConnection
                        ? "; subscribing again to " + dispatcher.patterns() : "");
            }
        }
    }
}
