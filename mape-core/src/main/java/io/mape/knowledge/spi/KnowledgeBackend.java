package io.mape.knowledge.spi;

import io.mape.knowledge.Knowledge;
import io.mape.knowledge.Scope;

/**
 * Where Knowledge is stored: gives the Knowledge of each scope, all over the same data. The App owns its backend
 * and closes it when it closes.
 *
 * <p>A backend must: store every value as the JSON of the codec it was given, so a value reads back identically
 * on every backend; keep each scope's keys under {@link Scope#prefix()}; emit, for each change, a
 * {@link io.mape.knowledge.KnowledgeEvent} whose command is the Redis keyspace event name of that change; and pass
 * the Knowledge TCK. Thread-safe.
 */
public interface KnowledgeBackend extends AutoCloseable {

    /**
     * The Knowledge of {@code scope}. Cheap; calls with equal scopes give Knowledge over the same keys (possibly the
     * same instance).
     */
    Knowledge knowledge(Scope scope);

    /**
     * Releases the backend: change streams complete, waiting {@code take}/{@code tryLock} calls fail, later
     * operations fail with a {@link io.mape.knowledge.KnowledgeException}. Data of an in-memory backend is lost;
     * data of a remote one stays. Idempotent.
     */
    @Override
    void close();
}
