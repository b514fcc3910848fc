/**
 * OpenTelemetry for mape-java: {@link io.mape.opentelemetry.OpenTelemetryTracing} opens a span per element
 * processing a {@link io.mape.Message}, whose parent is the span named by the Message's {@code traceparent}, so one
 * trace follows an item from its Monitor across hops and devices to the Execute it causes.
 */
package io.mape.opentelemetry;
