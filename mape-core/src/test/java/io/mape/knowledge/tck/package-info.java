/**
 * The Knowledge TCK: {@link io.mape.knowledge.tck.KnowledgeTck}, the abstract suite every
 * {@link io.mape.knowledge.spi.KnowledgeBackend} must pass. Shipped in the test-jar of mape-core.
 */
package io.mape.knowledge.tck;
