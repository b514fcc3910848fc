/**
 * The Knowledge of MAPE-K: {@link io.mape.knowledge.Knowledge} per {@link io.mape.knowledge.Scope} (App, Level,
 * Loop), its typed collections ({@code KMap}, {@code KSet}, {@code KList}, {@code KSortedSet}, {@code KQueue},
 * {@code KPriorityQueue}, {@code KLock}; the K is for Knowledge), change notifications as
 * {@link io.mape.knowledge.KnowledgeEvent}s, and {@link io.mape.knowledge.InMemoryKnowledgeBackend}, the default
 * backend. Code written against these interfaces runs unchanged on every backend (in-memory, Redis).
 */
package io.mape.knowledge;
