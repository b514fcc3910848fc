/**
 * The in-memory Knowledge and helpers any backend may use (Redis glob matching, Redis index ranges). Not API: it
 * may change without notice.
 */
package io.mape.knowledge.internal;
