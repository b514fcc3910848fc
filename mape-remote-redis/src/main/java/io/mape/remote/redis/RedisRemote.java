package io.mape.remote.redis;

import io.mape.remote.RemoteUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.mape.App;
import io.mape.observe.Observability;
import io.mape.remote.redis.internal.ClusterNodes;
import io.mape.remote.redis.internal.Dispatcher;
import io.mape.remote.redis.internal.RedisStore;
import io.mape.remote.redis.internal.RedisNodes;
import io.mape.remote.redis.internal.RedisUrls;
import io.mape.remote.redis.internal.SingleNode;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An App's connection to Redis: one Lettuce client (one connection to publish, one for all the pattern
 * subscriptions, one for Knowledge commands), made by {@link #of(App)} and closed with the App (it is the App's
 * {@link App#component component}). The {@link RedisTransport}s and the {@link RedisKnowledgeBackend} of the App
 * share it.
 *
 * <pre>{@code
 * RedisRemote redis = RedisRemote.of(app);                          // redis.url of the App's config
 * Transport t = RedisTransport.builder(app).build();                // pub/sub over it
 * KnowledgeBackend k = redis.knowledge();                           // Knowledge in it
 * }</pre>
 *
 * <p><b>Start-up.</b> {@code of} connects at once and fails fast with {@link RemoteUnavailableException} when Redis
 * cannot be reached; it does not retry. <b>Later outages</b> are survived: the connections reconnect on their own
 * (backing off up to {@link RedisOptions#maxReconnectDelay()}) and the pattern subscriptions are made again.
 *
 * <p><b>URLs.</b> {@code redis://} or {@code rediss://} for one server; {@code redis-sentinel://h:p[,h:p]/db#name}
 * (or {@code redis+sentinel://}) for the primary the sentinels name, asked again at every reconnect, so a failover
 * is followed; {@code redis-cluster://h:p[,h:p]} for a Redis Cluster ({@code RedisClusterClient}: commands routed
 * by key slot, pattern subscriptions on one node, which hears every node's classic messages, keyspace events
 * subscribed on every primary over a pub/sub connection of their own).
 *
 * <p>Thread-safe. Connecting runs under the App's component lock, never a global one.
 */
public final class RedisRemote implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRemote.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final App app;
    private final RedisOptions options;
    private final String url;
    private final boolean cluster;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final RedisClient nodeClient;
    private final Set<RedisChannelHandler<?, ?>> lost = ConcurrentHashMap.newKeySet();
    private final StatefulConnection<String, byte[]> pubConnection;
    private final RedisClusterAsyncCommands<String, byte[]> publisher;
    private final StatefulRedisPubSubConnection<String, byte[]> subConnection;
    private final StatefulRedisPubSubConnection<String, byte[]> eventConnection;
    private final Dispatcher dispatcher;
    private final Dispatcher shards;
    private final Dispatcher events;
    private final int database;
    private final String name;
    private final Set<RedisKnowledgeBackend> backends = ConcurrentHashMap.newKeySet();
    private RedisNodes nodes;
    private RedisKnowledgeBackend knowledge;
    private volatile boolean closed;

    private RedisRemote(App app, RedisOptions options) {
        this.app = app;
        this.options = options;
        this.url = RedisUrls.redact(options.url());
        this.cluster = RedisUrls.isCluster(options.url());
        this.name = "mape-redis-" + IDS.incrementAndGet();
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), options.maxReconnectDelay(), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        ClientOptions clientOptions = ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(options.connectTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled())
                .build();
        // a connection takes the client's options when it is made: the publishing one rejects commands while
        // disconnected, so that Lettuce never re-sends one after later ones (the sinks' outboxes keep them)
        ClientOptions rejecting = clientOptions.mutate()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build();
        StatefulConnection<String, byte[]> pub = null;
        StatefulRedisPubSubConnection<String, byte[]> sub = null;
        try {
            if (cluster) {
                List<RedisURI> seeds = RedisUrls.seeds(options.url());
                seeds.forEach(s -> s.setTimeout(options.commandTimeout()));
                this.database = 0;
                RedisClusterClient c = RedisClusterClient.create(resources, seeds);
                this.client = c;
                c.addListener(new StateLog());
                this.nodeClient = RedisClient.create(resources);
                nodeClient.setOptions(clientOptions);
                c.setOptions(clusterOptions(rejecting));
                StatefulRedisClusterConnection<String, byte[]> p = c.connect(CODEC);
                pub = p;
                this.publisher = p.async();
                c.setOptions(clusterOptions(clientOptions));
                sub = c.connectPubSub(CODEC);
                StatefulRedisClusterPubSubConnection<String, byte[]> ev = c.connectPubSub(CODEC);
                ev.setNodeMessagePropagation(true);
                this.eventConnection = ev;
            } else {
                RedisURI uri = RedisUrls.parse(options.url());
                uri.setTimeout(options.commandTimeout());
                this.database = uri.getDatabase();
                RedisClient c = RedisClient.create(resources, uri);
                this.client = c;
                this.nodeClient = null;
                c.addListener(new StateLog());
                c.setOptions(rejecting);
                StatefulRedisConnection<String, byte[]> p = c.connect(CODEC);
                pub = p;
                this.publisher = p.async();
                c.setOptions(clientOptions);
                sub = c.connectPubSub(CODEC);
                this.eventConnection = sub;
            }
            this.pubConnection = pub;
            this.subConnection = sub;
        } catch (RedisException e) {
            if (sub != null) {
                sub.close();
            }
            if (pub != null) {
                pub.close();
            }
            shutdownClients();
            throw new RemoteUnavailableException("cannot connect to Redis at " + url + ": " + rootMessage(e)
                    + "; start Redis there, or name another with redis.url in mape.yml, MAPE_REDIS_URL or "
                    + "RedisOptions.url", e);
        }
        Observability observability = Observability.of(app);
        this.dispatcher = new Dispatcher(subConnection, options.deliveryBuffer(), name, observability);
        this.shards = new Dispatcher(subConnection, Dispatcher.Mode.SHARD_CHANNELS, options.deliveryBuffer(),
                name + "-shards", observability);
        this.events = cluster ? new Dispatcher(eventConnection, Dispatcher.Mode.PATTERNS_ON_EVERY_PRIMARY,
                options.deliveryBuffer(), name + "-events", observability) : dispatcher;
        LOG.info("connected to Redis at {}", url);
    }

    /** The cluster client's options: those of a client, and topology refreshes so that a failover is followed. */
    private static ClusterClientOptions clusterOptions(ClientOptions o) {
        return ClusterClientOptions.builder(o)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .build())
                .build();
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
     * The App's remote: created and connected on the first call, closed with the App; later calls with the same
     * options return it.
     *
     * @throws IllegalStateException      when the App already has a remote with other options, or it was closed
     * @throws RemoteUnavailableException when Redis cannot be reached (no retry)
     */
    public static RedisRemote of(App app, RedisOptions options) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(options, "options");
        RedisOptions resolved = options.url() != null ? options
                : options.toBuilder().url(app.config().find(RedisConfig.URL).orElse(RedisOptions.DEFAULT_URL)).build();
        RedisRemote remote = app.component(RedisRemote.class, a -> new RedisRemote(a, resolved));
        if (!remote.options.equals(resolved)) {
            throw new IllegalStateException("this App already has a RedisRemote with " + remote.options
                    + "; asked for " + resolved);
        }
        remote.checkOpen();
        return remote;
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

    /** Whether the URL names a Redis Cluster ({@code redis-cluster://}). */
    public boolean isCluster() {
        return cluster;
    }

    /** Received messages dropped because {@link RedisOptions#deliveryBuffer()} was full. */
    public long deliveryDropped() {
        return dispatcher.dropped() + shards.dropped() + (events == dispatcher ? 0 : events.dropped());
    }

    /** Closes the subscriptions (their observers complete), the connections and the client. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        backends.forEach(RedisKnowledgeBackend::close);
        dispatcher.close();
        shards.close();
        events.close();
        if (eventConnection != subConnection) {
            eventConnection.close();
        }
        subConnection.close();
        pubConnection.close();
        synchronized (this) {
            if (nodes != null) {
                nodes.connection().close();
            }
        }
        shutdownClients();
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

    StatefulConnection<String, byte[]> pubConnection() {
        return pubConnection;
    }

    /** The commands of the publishing connection. */
    RedisClusterAsyncCommands<String, byte[]> publisher() {
        return publisher;
    }

    /** The pattern subscriptions (on one node of a cluster, which hears every node's classic messages). */
    Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The shard-channel subscriptions ({@code SSUBSCRIBE}). */
    Dispatcher shards() {
        return shards;
    }

    /** A store for a Knowledge backend, over the command connection. */
    RedisStore newStore(String namespace) {
        return new RedisStore(nodes(), events, database, app.codec(), options.commandTimeout(), url, name, namespace);
    }

    /** The command connection and the way to the nodes, made on the first call. */
    synchronized RedisNodes nodes() {
        checkOpen();
        if (nodes == null) {
            nodes = connectNodes();
        }
        return nodes;
    }

    /**
     * A new connection of its own for blocking commands (a stream reader's): to the one server, or a cluster
     * connection that routes each command by its key's slot; the caller closes it.
     */
    StatefulConnection<String, byte[]> newConnection() {
        if (client instanceof RedisClusterClient c) {
            checkOpen();
            try {
                return c.connect(CODEC);
            } catch (RedisException e) {
                throw new RemoteUnavailableException("cannot connect to Redis at " + url + ": " + rootMessage(e), e);
            }
        }
        return connect();
    }

    /** The remote's name in its threads' names ({@code mape-redis-N}). */
    String name() {
        return name;
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

    /** The command connection and the way to the nodes; the caller closes its connection. */
    private RedisNodes connectNodes() {
        checkOpen();
        try {
            if (client instanceof RedisClusterClient c) {
                return new ClusterNodes(c, c.connect(CODEC), nodeClient, RedisUrls.seeds(options.url()).get(0),
                        CODEC, url);
            }
            RedisClient c = (RedisClient) client;
            return new SingleNode(c.connect(CODEC), this::connect);
        } catch (RedisException e) {
            throw new RemoteUnavailableException("cannot connect to Redis at " + url + ": " + rootMessage(e), e);
        }
    }

    /** A new connection with the client's options (buffering while disconnected); the caller closes it. */
    private StatefulRedisConnection<String, byte[]> connect() {
        checkOpen();
        try {
            return ((RedisClient) client).connect(CODEC);
        } catch (RedisException e) {
            throw new RemoteUnavailableException("cannot connect to Redis at " + url + ": " + rootMessage(e), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private void shutdownClients() {
        if (nodeClient != null) {
            nodeClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
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
