package io.mape.remote.redis;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.test.redis.RedisServer;

/** One App and RedisRemote per TCK class; the TCK makes a fresh backend over it for each test. */
final class RedisKnowledgeTckSupport implements AutoCloseable {

    private final App app;
    private final RedisRemote remote;

    RedisKnowledgeTckSupport(RedisServer server) {
        app = App.create(MapeConfig.builder().redisUrl(server.url()).build());
        remote = RedisRemote.of(app);
    }

    RedisKnowledgeBackend newBackend() {
        return RedisKnowledgeBackend.create(remote);
    }

    RedisKnowledgeBackend newBackend(String namespace) {
        return RedisKnowledgeBackend.builder(remote).namespace(namespace).build();
    }

    @Override
    public void close() {
        app.close();
    }
}
