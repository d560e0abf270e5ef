package org.peermarket.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.peermarket.spark.Sessions;
import org.peermarket.spark.SparkSweep;
import org.peermarket.study.Examples;
import org.peermarket.study.sweep.Sweep;

/**
 * The local engine against Spark on local[2] in one JVM, on euniversal-case69:
 * {@code java <spark options> ... SparkSweepOverhead [draws] [seed] [cells per task...]} (default 1,000 draws,
 * seed 1, 1 and 7 cells per task). A short local sweep warms the JIT first; each engine's wall and process CPU time
 * are printed with the load average, and every Spark result is checked equal to the local one.
 */
public final class SparkSweepOverhead {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SparkSweepOverhead() {}

    public static void main(String[] args) throws Exception {
        int draws = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int[] perTask = args.length > 2 ? java.util.Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt)
                .toArray() : new int[] {1, 7};
        var s = Examples.load("euniversal-case69").orElseThrow();
        Sweep.run(s, 20, seed + 1, k -> { });
        long[] t = start();
        Sweep.Result local = Sweep.run(s, draws, seed, k -> { });
        double[] localTimes = report("local engine (parallel streams, 2 cores)", t, draws);
        t = start();
        SparkSession spark = Sessions.start("local[2]", "bench");
        report("Spark session start", t, 0);
        Sweep.Plan plan = Sweep.plan(s, draws, seed);
        try {
            for (int k : perTask) {
                t = start();
                Sweep.Result r = SparkSweep.run(spark, plan, k, SparkSweep.LOCAL_ENGINE, done -> { });
                double[] sparkTimes = report("Spark local[2], " + k + " cells per task ("
                        + SparkSweep.tasks(plan.cellCount(), k) + " tasks)", t, draws);
                System.out.printf(Locale.ROOT, "  identical to local: %b; overhead ratio wall %.2f, CPU %.2f%n",
                        r.points().equals(local.points()) && r.stats().equals(local.stats()),
                        sparkTimes[0] / localTimes[0], sparkTimes[1] / localTimes[1]);
            }
        } finally {
            spark.stop();
        }
    }

    private static long[] start() {
        return new long[] {System.nanoTime(), OS.getProcessCpuTime()};
    }

    /** Prints and returns {wall s, CPU s} since {@code t}. */
    private static double[] report(String what, long[] t, int draws) throws Exception {
        double wall = (System.nanoTime() - t[0]) / 1e9;
        double cpu = (OS.getProcessCpuTime() - t[1]) / 1e9;
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf(Locale.ROOT, "%s: %.1f s wall, %.1f s CPU%s; load average %s%n", what, wall, cpu,
                draws > 0 ? String.format(Locale.ROOT, " (%.1f ms CPU per draw)", 1000 * cpu / draws) : "", load);
        return new double[] {wall, cpu};
    }
}
