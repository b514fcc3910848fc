package io.mape.knowledge;

import java.util.Objects;

/**
 * One change of the Knowledge: which key changed and by which command. The command is the name Redis gives the
 * same change in its keyspace notifications ({@code set}, {@code del}, {@code expire}, {@code expired},
 * {@code hset}, {@code hdel}, {@code sadd}, {@code srem}, {@code rpush}, {@code lpush}, {@code lpop}, {@code rpop},
 * {@code lset}, {@code lrem}, {@code zadd}, {@code zrem}, {@code zpopmin}, {@code zpopmax}, {@code incrby},
 * {@code hincrby}, {@code persist}), on every backend.
 *
 * @param scope   the scope that owns the key
 * @param key     the full key, {@code k.loop.car_a.cars} (with the scope's namespace in front if it has one)
 * @param name    the key relative to its scope, {@code cars}
 * @param command the Redis keyspace event name of the change
 */
public record KnowledgeEvent(Scope scope, String key, String name, String command) {

    /** Checks that no member is null and that {@code key} is {@code name} in {@code scope}. */
    public KnowledgeEvent {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        if (!key.equals(scope.prefix() + name)) {
            throw new IllegalArgumentException("key '" + key + "' is not '" + name + "' in " + scope);
        }
    }

    /** The event of {@code name} in {@code scope}. */
    public static KnowledgeEvent of(Scope scope, String name, String command) {
        return new KnowledgeEvent(scope, scope.key(name), name, command);
    }
}
