/**
 * What a running App shows of itself: {@link io.mape.observe.Observability#metered()} lists every element, sink,
 * source and module-registered thing with its counters; {@link io.mape.observe.Event}s tell of failures and drops
 * as they happen; errors with nowhere else to go reach {@link io.mape.observe.Observability#setErrorHandler}.
 * No dependency beyond mape-core: metrics libraries bind to this (mape-micrometer).
 */
package io.mape.observe;
