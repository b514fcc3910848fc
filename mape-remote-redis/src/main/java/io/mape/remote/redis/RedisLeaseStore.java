package io.mape.remote.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.mape.internal.Checks;
import io.mape.leader.spi.LeaseStore;
import io.mape.remote.RemoteUnavailableException;
import io.mape.remote.redis.internal.RedisUrls;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Leases in Redis, for {@link io.mape.leader.Leadership}s in several processes. A lease is the key {@code name}
 * holding its owner's token with an expiry: taken with {@code SET name owner NX PX ttl}, renewed and released by
 * Lua scripts that act only while the key still holds the caller's token. The fencing token of a term comes from
 * {@code INCR name:fencing} in the same script as the {@code SET}, raised to the Redis server's clock in
 * milliseconds ({@code TIME}) when that is higher: so tokens keep rising even when Redis restarts without its data
 * (no persistence, or an AOF that lost its last second), as long as the Redis host's clock does not step back.
 *
 * <p>What it guarantees: while Redis keeps its data, at most one owner holds a lease at a time. When Redis loses
 * the key (a restart without persistence), a new owner can take the lease while the old one still believes it
 * leads until its next renewal is refused (at most {@code renewEvery}, or its deadline); the two terms have
 * different tokens, the newer one higher, so effectors that fence ({@code LeaderOps.fence()}) refuse the old
 * leader's plans once they have seen the new one's. With {@code appendonly yes} and {@code appendfsync always}
 * nothing acknowledged is lost and the lease survives the restart.
 *
 * <p>Its own Lettuce client and connection; commands time out after {@link Builder#commandTimeout} (default 1 s)
 * and are refused at once while disconnected, so a leader never waits on Redis past its lease. Thread-safe.
 */
public final class RedisLeaseStore implements LeaseStore {

    private static final String ACQUIRE = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              local t = redis.call('TIME')
              local floor = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
              local token = redis.call('INCR', KEYS[2])
              if token < floor then
                redis.call('SET', KEYS[2], floor)
                token = floor
              end
              return token
            end
            return false""";
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";

    private final String url;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> commands;

    private RedisLeaseStore(Builder b) {
        this.url = RedisUrls.redact(b.url);
        this.client = RedisClient.create(RedisUrls.parse(b.url));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(b.commandTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled(b.commandTimeout)).build());
        try {
            this.connection = client.connect();
        } catch (RedisException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new RemoteUnavailableException("cannot connect to Redis at " + RedisUrls.redact(b.url) + " for leases: "
                    + e.getMessage(), e);
        }
        connection.setTimeout(b.commandTimeout);
        this.commands = connection.sync();
    }

    /** A store on the Redis at {@code url} ({@code redis://host:port/db}). */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** A store on the Redis of {@code redis}, with a connection of its own, closed with the remote's App. */
    public static RedisLeaseStore of(RedisRemote redis) {
        Objects.requireNonNull(redis, "redis");
        RedisLeaseStore store = builder(redis.options().url()).build();
        redis.app().manage(store);
        return store;
    }

    @Override
    public OptionalLong acquire(String name, String owner, Duration ttl) {
        Long token = commands.eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {name, name + ":fencing"},
                owner, String.valueOf(ttl.toMillis()));
        return token == null ? OptionalLong.empty() : OptionalLong.of(token);
    }

    @Override
    public boolean renew(String name, String owner, Duration ttl) {
        Long done = commands.eval(RENEW, ScriptOutputType.INTEGER, new String[] {name}, owner,
                String.valueOf(ttl.toMillis()));
        return done != null && done == 1;
    }

    @Override
    public void release(String name, String owner) {
        commands.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {name}, owner);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Override
    public String toString() {
        return "RedisLeaseStore{" + url + "}";
    }

    /** Builds a {@link RedisLeaseStore}; not thread-safe. */
    public static final class Builder {
        private final String url;
        private Duration commandTimeout = Duration.ofSeconds(1);

        private Builder(String url) {
            this.url = Checks.notBlank(url, "url");
        }

        /** How long a command may take before it counts as failed; default 1 s. Keep it below the renewal. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = Checks.positive(timeout, "commandTimeout");
            return this;
        }

        /**
         * Connects.
         *
         * @throws RemoteUnavailableException when Redis cannot be reached
         */
        public RedisLeaseStore build() {
            return new RedisLeaseStore(this);
        }
    }
}
