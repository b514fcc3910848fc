/**
 * Loops that talk over Redis, and Knowledge that lives in it: {@link io.mape.remote.redis.RedisRemote} (one
 * Lettuce client per App), {@link io.mape.remote.redis.PubObserver} (items to a channel as JSON),
 * {@link io.mape.remote.redis.SubObservable} (channels matching glob patterns, decoded into a declared type) and
 * {@link io.mape.remote.redis.RedisKnowledgeBackend} (the Knowledge interfaces on Redis).
 */
package io.mape.remote.redis;
