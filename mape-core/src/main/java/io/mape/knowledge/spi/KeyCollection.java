package io.mape.knowledge.spi;

import io.mape.knowledge.KCollection;
import io.mape.knowledge.Knowledge;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What a backend's collections may share: the name and key of one collection of a {@link Knowledge}, and its expiry,
 * which is the expiry of that key ({@link Knowledge#expire}, {@link Knowledge#ttl}, {@link Knowledge#persist}).
 * Thread-safe when the Knowledge is.
 */
public abstract class KeyCollection implements KCollection {

    /** The Knowledge the collection belongs to. */
    protected final Knowledge knowledge;

    /** The name relative to the scope. */
    protected final String name;

    /** The full key. */
    protected final String key;

    /** The collection {@code name} of {@code knowledge}. */
    protected KeyCollection(Knowledge knowledge, String name) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.name = name;
        this.key = knowledge.key(name);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String key() {
        return key;
    }

    @Override
    public boolean expire(Duration ttl) {
        return knowledge.expire(name, ttl);
    }

    @Override
    public Optional<Duration> ttl() {
        return knowledge.ttl(name);
    }

    @Override
    public boolean persist() {
        return knowledge.persist(name);
    }

    @Override
    public CompletionStage<Boolean> expireAsync(Duration ttl) {
        return knowledge.expireAsync(name, ttl);
    }

    @Override
    public CompletionStage<Optional<Duration>> ttlAsync() {
        return knowledge.ttlAsync(name);
    }

    @Override
    public CompletionStage<Boolean> persistAsync() {
        return knowledge.persistAsync(name);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + key + "]";
    }
}
