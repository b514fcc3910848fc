package io.mape.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collection;
import io.mape.test.redis.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Not a measurement: one short iteration of every benchmark, to show each one runs and does work. It runs in the test
 * JVM (no fork), so JMH's report, with its warning that unforked figures are not to be trusted, is not printed: a
 * failing benchmark still fails the test.
 */
class BenchmarksSmokeTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    @Test
    void everyBenchmarkRunsOneQuickIteration() throws Exception {
        System.setProperty("mape.bench.redis", REDIS.server().url());
        Options options = new OptionsBuilder()
                .include("io\\.mape\\.bench\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .param("loops", "100")
                .param("length", "4")
                .timeout(TimeValue.seconds(60))
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(options, OutputFormatFactory.createFormatInstance(
                new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT)).run();

        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceFirst(".*\\.bench\\.", ""))
                .contains("LoopBench.mapeLoop", "LoopBench.rxChain", "LoopBench.rxSerializedChain",
                        "ChainBench.mapeChain", "ChainBench.rxChain",
                        "FanBench.mapeFan", "FanBench.rxFan",
                        "ContentionBench.mapeElement", "ContentionBench.rxSerializedSubject",
                        "ScaleBench.pushAcrossLoops", "ScaleBench.buildApp",
                        "RestHopBench.mapeRestHop", "RestHopBench.bareHttpPost",
                        "RestHopBench.mapeRestHopLatency", "RestHopBench.bareHttpPostLatency",
                        "RedisHopBench.mapeRedisHop", "RedisHopBench.rawLettuce",
                        "RedisHopBench.mapeRedisHopLatency", "RedisHopBench.rawLettuceLatency",
                        "StreamsHopBench.mapeStreamsHop", "StreamsHopBench.rawLettuceStreamsPipelined",
                        "StreamsHopBench.rawLettuceStreamsOneInFlight", "StreamsHopBench.mapePubSubHop",
                        "StreamsHopBench.mapeStreamsHopLatency", "StreamsHopBench.rawLettuceStreamsLatency",
                        "StreamsHopBench.mapePubSubHopLatency",
                        "KnowledgeBench.setAdd", "KnowledgeBench.setSize", "KnowledgeBench.mapPut", "KnowledgeBench.mapGet",
                        "LettuceCommandsBench.sadd", "LettuceCommandsBench.scard",
                        "LettuceCommandsBench.hset", "LettuceCommandsBench.hget",
                        "InfluxSinkBench.influxObserver", "InfluxSinkBench.clientWriteApi",
                        "MetricsBench.loop", "DropBench.mapeStoppedElement", "DropBench.rxBackpressureDrop");
        for (RunResult r : results) {
            assertThat(r.getPrimaryResult().getScore()).as(r.getParams().getBenchmark()).isPositive();
        }
    }
}
