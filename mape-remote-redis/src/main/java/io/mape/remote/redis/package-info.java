/**
 * Loops that talk over Redis, and Knowledge that lives in it: {@link io.mape.remote.redis.RedisRemote} (one
 * Lettuce client per App), {@link io.mape.remote.redis.RedisTransport} (pub/sub as a
 * {@link io.mape.remote.Transport}: channels and glob patterns, items as JSON decoded into a declared type),
 * {@link io.mape.remote.redis.RedisStreamsTransport} (Redis Streams as a transport: at-least-once, consumer groups,
 * dead letters) and
 * {@link io.mape.remote.redis.RedisKnowledgeBackend} (the Knowledge interfaces on Redis), on one server, a
 * sentinel-managed primary or a Redis Cluster.
 */
package io.mape.remote.redis;
