/**
 * Implementation of the Redis remote: the shared pattern subscriptions, URL parsing, and the Knowledge store with
 * its collections. Not API: it may change without notice.
 */
package io.mape.remote.redis.internal;
