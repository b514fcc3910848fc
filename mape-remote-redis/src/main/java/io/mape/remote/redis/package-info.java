/**
 * Loops that talk over Redis: {@link io.mape.remote.redis.RedisRemote} (one Lettuce client per App),
 * {@link io.mape.remote.redis.PubObserver} (items to a channel as JSON) and
 * {@link io.mape.remote.redis.SubObservable} (channels matching glob patterns, decoded into a declared type).
 */
package io.mape.remote.redis;
