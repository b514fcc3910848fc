/**
 * Writes what the loops see to a time-series database that speaks the InfluxDB 2 write protocol:
 * {@link io.mape.remote.influx.InfluxObserver} is an RxJava {@code Observer} that turns each item into a point
 * and writes them in batches, off the pushing thread, without ever failing the stream.
 */
package io.mape.remote.influx;
