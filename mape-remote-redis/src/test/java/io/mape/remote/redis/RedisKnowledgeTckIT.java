package io.mape.remote.redis;

import io.mape.knowledge.spi.KnowledgeBackend;
import io.mape.knowledge.tck.KnowledgeTck;
import io.mape.test.redis.RedisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Knowledge TCK on Redis: the one of MAPE_TEST_REDIS_URL, else the PATH's (Debian's 7 on these machines). */
class RedisKnowledgeTckIT extends KnowledgeTck {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

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
