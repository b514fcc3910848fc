/**
 * Micrometer meters over an App ({@link io.mape.micrometer.MapeMetrics}) and a Prometheus scrape route for
 * {@code RestServer} ({@link io.mape.micrometer.PrometheusRoute}).
 */
package io.mape.micrometer;
