/** Implementation of {@link io.mape.remote.influx.InfluxObserver}. Not API: it may change without notice. */
package io.mape.remote.influx.internal;
