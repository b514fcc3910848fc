package io.mape.knowledge;

import io.mape.codec.JsonCodec;
import io.mape.knowledge.internal.InMemoryStore;
import io.mape.knowledge.spi.KnowledgeBackend;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Objects;

/**
 * Knowledge held in this JVM's memory, the default backend of an App created without one. It behaves as the Redis
 * backend does (same key names, same JSON values, same change events, WRONGTYPE errors, empty collections
 * vanishing), so code moves between them unchanged; its data lives as long as the backend.
 *
 * <p>Thread-safe: like Redis, one command runs at a time (one lock for the whole store, held only for the
 * command itself, never while waiting), so each command is atomic. Blocking {@code take} and
 * {@code tryLock(wait, lease)} park the caller without holding the lock; their async forms hold no thread. Lease,
 * expiry and take-timeout timers run on one daemon thread, {@code mape-knowledge-timer}, on
 * {@link System#nanoTime()}, unless a {@link Builder#clock(Scheduler) clock} is given. Change events are delivered on
 * the event scheduler, by default {@link Schedulers#io()}, each subscription on its own worker.
 */
public final class InMemoryKnowledgeBackend implements KnowledgeBackend {

    private final InMemoryStore store;

    private InMemoryKnowledgeBackend(Builder b) {
        this.store = new InMemoryStore(b.codec, b.eventScheduler, b.clock, b.namespace);
    }

    /** A backend with the standard codec and {@link Schedulers#io()} for events. */
    public static InMemoryKnowledgeBackend create() {
        return builder().build();
    }

    /** A builder of a configured backend. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Knowledge knowledge(Scope scope) {
        return store.knowledge(Objects.requireNonNull(scope, "scope"));
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return store.isClosed();
    }

    /** Drops all data, completes the change streams, fails waiting calls. Idempotent. */
    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "InMemoryKnowledgeBackend" + (isClosed() ? "[closed]" : "");
    }

    /** Configures an {@link InMemoryKnowledgeBackend}. Not thread-safe. */
    public static final class Builder {

        private JsonCodec codec = JsonCodec.standard();
        private Scheduler eventScheduler = Schedulers.io();
        private Scheduler clock;
        private String namespace = "";

        private Builder() {
        }

        /** The codec of the values; default {@link JsonCodec#standard()}. Use the App's codec. */
        public Builder codec(JsonCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Where change events are delivered; default {@link Schedulers#io()}. {@code Schedulers.trampoline()}
         * delivers them on the writer's thread, while the store is locked: fast, but a slow observer then blocks
         * every writer, so use it only for observers that return at once.
         */
        public Builder eventScheduler(Scheduler eventScheduler) {
            this.eventScheduler = Objects.requireNonNull(eventScheduler, "eventScheduler");
            return this;
        }

        /**
         * The time and timers of expiry, leases and take timeouts; default {@link System#nanoTime()} and a daemon
         * thread of the backend. A {@code TestScheduler} puts them on virtual time: a key with a 30 s ttl expires
         * when the test advances the scheduler by 30 s. Timed-out waits then complete on the thread that advances it.
         */
        public Builder clock(Scheduler clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The namespace the backend puts every scope in ({@link Scope#in(String)}); default none, PyMAPE's keys. In
         * memory nothing is shared, so this only changes the key names (to match a Redis backend's).
         */
        public Builder namespace(String namespace) {
            Scope.app().in(namespace);
            this.namespace = namespace;
            return this;
        }

        /** The backend. */
        public InMemoryKnowledgeBackend build() {
            return new InMemoryKnowledgeBackend(this);
        }
    }
}
