package io.mape.remote.redis;

import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeConfig;
import io.mape.knowledge.KnowledgeException;
import io.mape.knowledge.Scope;
import io.mape.knowledge.spi.KnowledgeBackend;
import io.mape.remote.redis.internal.RedisStore;
import java.util.Objects;

/**
 * Knowledge stored in Redis, shared by every process connected to it: the same keys as the in-memory backend and
 * PyMAPE ({@code k.app.<key>}, {@code k.level.<uid>.<key>}, {@code k.loop.<uid>.<key>}), values as the JSON of the
 * App's codec, the same commands, so a Python loop and a Java loop can share one Redis. It passes the Knowledge TCK.
 *
 * <pre>{@code
 * Knowledge k = RedisRemote.of(app).knowledge().knowledge(Scope.loop("car_a"));
 * k.put("speed_limit", 80);
 * k.changes("speed_*").subscribe(e -> System.out.println(e.name() + " " + e.command()));
 * }</pre>
 *
 * <p><b>Change events</b> are Redis keyspace notifications: when the backend is created it turns on
 * {@code notify-keyspace-events} ({@code K} and {@code A}) with {@code CONFIG SET} if the server allows it, and
 * otherwise checks with a probe key that they are on; when they are neither, it fails saying what to configure.
 * {@code changes(...).subscribe} returns once Redis has confirmed the subscription; each subscription gets its
 * events on a worker of its own ({@code Schedulers.io()}), so a slow observer delays only itself.
 *
 * <p><b>Threads.</b> Commands share the remote's command connection and are pipelined; a blocking form waits for
 * the answer (at most {@link RedisOptions#commandTimeout()}), so call it where blocking is allowed (a
 * SubObservable's delivery thread is such a place; a Lettuce I/O thread, where async stages complete, is not).
 * Each blocking {@code take} runs on a connection of its own. While Redis is unreachable, commands wait for it up to
 * the command timeout, then fail with a {@link KnowledgeException}.
 *
 * <p><b>Locks</b> are {@code SET NX PX} with a random owner token; unlock and extend compare the token and act in
 * one script, so only the owner frees or renews a lock. A lock wait polls every 15 ms.
 *
 * <p><b>After a restart</b> of Redis (which forgets a {@code CONFIG SET}) the backend turns keyspace events on
 * again as soon as its connection is back; events of changes made before that are not seen. When it cannot, it logs
 * at ERROR and every change stream ends with a {@link KnowledgeException} saying what to configure; a later
 * {@code subscribe} tries again. <b>Outages:</b> a {@code take} while Redis is away fails with a
 * {@link KnowledgeException} as every other command does, at once when it needs a new connection.
 *
 * <p><b>Namespace.</b> By default the keys are PyMAPE's ({@code k.app.speed}), shared by every process on the Redis
 * database, as PyMAPE shares them. {@link Builder#namespace(String)} (or {@code knowledge.namespace} in the config)
 * puts every scope in a namespace ({@code traffic:k.app.speed}), so that unrelated systems on one Redis keep apart.
 *
 * <p>Thread-safe. Closing it completes its change streams and fails its waiting takes; the data stays in Redis and
 * the remote stays open.
 */
public final class RedisKnowledgeBackend implements KnowledgeBackend {

    private final RedisRemote remote;
    private final RedisStore store;

    private RedisKnowledgeBackend(RedisRemote remote, RedisStore store) {
        this.remote = remote;
        this.store = store;
    }

    /**
     * A backend over the connections of {@code remote}, closed at the latest with it.
     *
     * @throws KnowledgeException when Redis does not publish keyspace events and refuses to turn them on
     */
    public static RedisKnowledgeBackend create(RedisRemote remote) {
        return builder(remote).build();
    }

    /** A builder of a backend over the connections of {@code remote}. */
    public static Builder builder(RedisRemote remote) {
        return new Builder(Objects.requireNonNull(remote, "remote"));
    }

    private static RedisKnowledgeBackend create(RedisRemote remote, String namespace) {
        RedisStore store = remote.newStore(namespace);
        RedisKnowledgeBackend backend = new RedisKnowledgeBackend(remote, store);
        try {
            store.enableKeyspaceEvents();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        remote.track(backend);
        return backend;
    }

    @Override
    public Knowledge knowledge(Scope scope) {
        return store.knowledge(Objects.requireNonNull(scope, "scope"));
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return store.isClosed();
    }

    @Override
    public void close() {
        store.close();
        remote.untrack(this);
    }

    @Override
    public String toString() {
        return "RedisKnowledgeBackend{" + remote.url() + (isClosed() ? ", closed" : "") + "}";
    }

    /** Configures a {@link RedisKnowledgeBackend}. Not thread-safe. */
    public static final class Builder {

        private final RedisRemote remote;
        private String namespace;

        private Builder(RedisRemote remote) {
            this.remote = remote;
        }

        /**
         * The namespace of every scope ({@link Scope#in(String)}): {@code traffic} gives keys
         * {@code traffic:k.app.<name>}. Default {@code knowledge.namespace} of the App's config, else none: PyMAPE's
         * keys. An empty namespace asks for PyMAPE's keys whatever the config says.
         */
        public Builder namespace(String namespace) {
            Scope.app().in(namespace);
            this.namespace = namespace;
            return this;
        }

        /**
         * The backend, closed at the latest with the remote.
         *
         * @throws KnowledgeException when Redis does not publish keyspace events and refuses to turn them on
         */
        public RedisKnowledgeBackend build() {
            return create(remote, namespace != null ? namespace
                    : remote.app().config().find(KnowledgeConfig.NAMESPACE).orElse(""));
        }
    }
}
