package io.mape.remote.redis;

import io.mape.knowledge.spi.KnowledgeBackend;
import io.mape.knowledge.tck.KnowledgeTck;
import io.mape.test.redis.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Knowledge TCK on the Redis 6.2 binary shipped in the embedded-redis test artifact. */
class RedisKnowledgeTckShippedIT extends KnowledgeTck {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.shipped();

    private static RedisKnowledgeTckSupport support;

    @BeforeAll
    static void connect() {
        support = new RedisKnowledgeTckSupport(REDIS.server());
    }

    @AfterAll
    static void disconnect() {
        support.close();
    }

    @Override
    protected KnowledgeBackend createBackend() {
        return support.newBackend();
    }

    @Override
    protected KnowledgeBackend createBackend(String namespace) {
        return support.newBackend(namespace);
    }
}
