/**
 * How the REST module works inside: the request handlers, the OpenAPI document, the ordered sender behind
 * {@link io.mape.remote.rest.PostObserver}. Not API: it may change without notice.
 */
package io.mape.remote.rest.internal;
