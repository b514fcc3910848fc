/** The test harness: real Redis servers for the integration tests ({@link io.mape.remote.redis.testing.RedisExtension}). */
package io.mape.remote.redis.testing;
