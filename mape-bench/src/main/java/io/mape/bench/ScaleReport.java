package io.mape.bench;

import io.mape.App;
import io.mape.config.MapeConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Heap taken by an App of N loops × 4 linked elements: used heap after GC, before and after building it.
 * {@code java -cp mape-bench/target/benchmarks.jar io.mape.bench.ScaleReport [loops]}.
 */
public final class ScaleReport {

    private ScaleReport() {
    }

    public static void main(String[] args) {
        int loops = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        long before = usedAfterGc();
        long start = System.nanoTime();
        App app = App.create(MapeConfig.defaults());
        ScaleBench.build(app, loops, bh);
        long buildMs = (System.nanoTime() - start) / 1_000_000;
        long after = usedAfterGc();
        long bytes = after - before;
        System.out.printf("loops=%d elements=%d build=%d ms heap=%.1f MiB bytes/element=%d bytes/loop=%d%n",
                loops, loops * 4, buildMs, bytes / 1048576.0, bytes / (loops * 4L), bytes / loops);
        app.close();
    }

    private static long usedAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
