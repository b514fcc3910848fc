/**
 * A real Redis for integration tests, handed to a JUnit 5 test class by {@link io.mape.test.redis.RedisExtension}:
 * {@code redis-server} from the PATH, the 6.2 binary that embedded-redis ships, or Redis in a container where a
 * Docker engine answers (with Testcontainers on the test class path). When none can be had the class fails saying
 * how to get one; it is never skipped.
 */
package io.mape.test.redis;
