/**
 * REST for mape-java: {@link io.mape.remote.rest.RestServer} puts an HTTP API (with its OpenAPI document, Swagger UI
 * and ReDoc) over a running {@link io.mape.App}, and {@link io.mape.remote.rest.PostObserver} is the sink that POSTs
 * a stream to an element of another App, in order.
 *
 * <p>Items travel as the JSON of {@link io.mape.App#codec()}: a plain item as its own document, {@link io.mape.Message}
 * and {@link io.mape.CallMethod} as envelopes marked {@code "@type"}.
 */
package io.mape.remote.rest;
