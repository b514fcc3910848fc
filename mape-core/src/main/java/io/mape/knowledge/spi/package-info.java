/**
 * What a Knowledge backend implements: {@link io.mape.knowledge.spi.KnowledgeBackend}. A backend is accepted when it
 * passes the Knowledge TCK, the abstract suite {@code io.mape.knowledge.tck.KnowledgeTck} shipped in the test-jar of
 * mape-core.
 */
package io.mape.knowledge.spi;
