/** Implementation of the Redis remote: the shared subscription, glob matching, URL parsing. Not API. */
package io.mape.remote.redis.internal;
