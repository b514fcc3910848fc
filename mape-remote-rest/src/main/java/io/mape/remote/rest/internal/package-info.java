/**
 * How the REST module works inside: the request handlers, the OpenAPI document, the HTTP client and POST shared by
 * {@link io.mape.remote.rest.PostObserver} and the REST transport. Not API: it may change without notice.
 */
package io.mape.remote.rest.internal;
