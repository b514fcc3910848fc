package io.mape.examples.coordinated;

import io.mape.remote.redis.PubObserver;
import io.mape.remote.redis.RedisRemote;
import io.mape.remote.redis.SubObservable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Links the devices over Redis pub/sub, with PyMAPE's channel names, so Java and Python devices can share one
 * Redis: {@link #send} publishes an element's output on its path ({@code car_Panda_safety.analyzer}) and leaves the
 * routing to the receivers; {@link #receive} subscribes to a pattern ({@code car_*_safety.analyzer}). Items are
 * plain JSON (a {@code Message} as its envelope), received on the remote's delivery thread.
 *
 * <p>Thread-safe. What is published before a subscription is confirmed ({@link #isReceiving()}) is not heard, as
 * with any Redis pub/sub.
 */
public final class RedisWiring implements Wiring {

    private final RedisRemote redis;
    private final List<SubObservable<?>> subscriptions = new CopyOnWriteArrayList<>();

    /** A wiring over {@code redis}, which closes with its App. */
    public RedisWiring(RedisRemote redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Disposable send(String channel, Observable<?> items, String destination) {
        PubObserver pub = redis.pub(channel);
        items.subscribe(pub);
        return pub;
    }

    @Override
    public <T> Observable<T> receive(String pattern, Type type) {
        SubObservable<T> sub = redis.sub(type, pattern);
        subscriptions.add(sub);
        return sub;
    }

    /** Whether Redis has confirmed the pattern of every {@link #receive} that has an observer. */
    @Override
    public boolean isReceiving() {
        return subscriptions.stream().allMatch(s -> !s.hasSubscribers() || s.isSubscribed());
    }

    @Override
    public String toString() {
        return "Redis at " + redis.url();
    }
}
