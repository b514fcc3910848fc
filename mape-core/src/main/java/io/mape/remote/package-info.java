/**
 * What every remote module shares: the {@link io.mape.remote.Transport} API (sinks and sources of channels,
 * {@link io.mape.remote.ChannelPattern}, {@link io.mape.remote.SinkOptions} (and {@link io.mape.remote.BatchOptions}
 * for a sink that sends in batches), {@link io.mape.remote.DeliveryStats},
 * the App's {@link io.mape.remote.Links}), the in-process transport, and the exceptions. Modules implement
 * {@link io.mape.remote.spi}.
 */
package io.mape.remote;
