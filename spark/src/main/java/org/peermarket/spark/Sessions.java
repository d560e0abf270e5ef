package org.peermarket.spark;

import org.apache.spark.sql.SparkSession;

/** Spark sessions for sweeps: no web UI (a CLI run needs no port), Spark's INFO logging off. */
public final class Sessions {
    private Sessions() {}

    /** A session on {@code master} (e.g. local[2]); null: the master spark-submit configured. */
    public static SparkSession start(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().appName("peermarket sweep " + appName)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        if (master != null) {
            b = b.master(master);
        }
        return b.getOrCreate();
    }
}
