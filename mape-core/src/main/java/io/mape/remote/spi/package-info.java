/**
 * What a remote module implements to be a transport ({@link io.mape.remote.spi.TransportDriver}) and what core
 * gives it in return ({@link io.mape.remote.spi.Transports#over}, {@link io.mape.remote.spi.Outbox}).
 */
package io.mape.remote.spi;
