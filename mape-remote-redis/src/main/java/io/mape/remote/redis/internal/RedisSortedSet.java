package io.mape.remote.redis.internal;

import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mape.knowledge.KSortedSet;
import io.mape.knowledge.Scored;
import io.mape.knowledge.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** A Redis sorted set of JSON documents. */
final class RedisSortedSet<V> extends RedisHandle<V> implements KSortedSet<V> {

    RedisSortedSet(RedisKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name, type);
    }

    @Override
    RedisFuture<Long> sizeCommand(RedisClusterAsyncCommands<String, byte[]> c) {
        return c.zcard(key);
    }

    /** A popped or ranged member with its score, or null for none. */
    Scored<V> scored(ScoredValue<byte[]> v) {
        return v == null || !v.hasValue() ? null : new Scored<>(decode(v.getValue()), v.getScore());
    }

    @Override
    public boolean add(V value, double score) {
        return await(addAsync(value, score));
    }

    @Override
    public boolean addIfAbsent(V value, double score) {
        return await(addIfAbsentAsync(value, score));
    }

    @Override
    public long removeRangeByScore(double min, double max) {
        return await(removeRangeByScoreAsync(min, max));
    }

    @Override
    public boolean remove(V value) {
        return await(removeAsync(value));
    }

    @Override
    public Double score(V value) {
        return await(scoreAsync(value));
    }

    @Override
    public Long rank(V value) {
        return await(rankAsync(value));
    }

    @Override
    public List<V> range(long start, long stop) {
        return await(rangeAsync(start, stop));
    }

    @Override
    public List<Scored<V>> rangeWithScores(long start, long stop) {
        return await(rangeWithScoresAsync(start, stop));
    }

    @Override
    public List<V> rangeByScore(double min, double max) {
        return await(rangeByScoreAsync(min, max));
    }

    @Override
    public Scored<V> popMin() {
        return await(popMinAsync());
    }

    @Override
    public Scored<V> popMax() {
        return await(popMaxAsync());
    }

    @Override
    public CompletionStage<Boolean> addAsync(V value, double score) {
        byte[] json = encode(value);
        return call(c -> c.zadd(key, score, json), n -> n > 0);
    }

    @Override
    public CompletionStage<Boolean> addIfAbsentAsync(V value, double score) {
        byte[] json = encode(value);
        return call(c -> c.zadd(key, ZAddArgs.Builder.nx(), score, json), n -> n > 0);
    }

    @Override
    public CompletionStage<Long> removeRangeByScoreAsync(double min, double max) {
        return call(c -> c.zremrangebyscore(key, Range.create(min, max)), n -> n);
    }

    @Override
    public CompletionStage<Boolean> removeAsync(V value) {
        byte[] json = encode(value);
        return call(c -> c.zrem(key, json), n -> n > 0);
    }

    @Override
    public CompletionStage<Double> scoreAsync(V value) {
        byte[] json = encode(value);
        return call(c -> c.zscore(key, json), s -> s);
    }

    @Override
    public CompletionStage<Long> rankAsync(V value) {
        byte[] json = encode(value);
        return call(c -> c.zrank(key, json), r -> r);
    }

    @Override
    public CompletionStage<List<V>> rangeAsync(long start, long stop) {
        return call(c -> c.zrange(key, start, stop), this::decodeAll);
    }

    @Override
    public CompletionStage<List<Scored<V>>> rangeWithScoresAsync(long start, long stop) {
        return call(c -> c.zrangeWithScores(key, start, stop), vs -> {
            List<Scored<V>> out = new ArrayList<>(vs.size());
            vs.forEach(v -> out.add(scored(v)));
            return out;
        });
    }

    @Override
    public CompletionStage<List<V>> rangeByScoreAsync(double min, double max) {
        return call(c -> c.zrangebyscore(key, Range.create(min, max)), this::decodeAll);
    }

    @Override
    public CompletionStage<Scored<V>> popMinAsync() {
        return call(c -> c.zpopmin(key), this::scored);
    }

    @Override
    public CompletionStage<Scored<V>> popMaxAsync() {
        return call(c -> c.zpopmax(key), this::scored);
    }
}
