/**
 * Extension points of the core data path: {@link io.mape.spi.ItemTracer}, which sees each {@link io.mape.Message}
 * an element processes (mape-opentelemetry implements it).
 */
package io.mape.spi;
