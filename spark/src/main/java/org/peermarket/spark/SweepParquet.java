package org.peermarket.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.peermarket.study.sweep.Sweep;
import org.peermarket.study.pipeline.SweepCell;

/**
 * A sweep's rows as Parquet (docs/spark.md#files): {@code draws.parquet}, one row per cell with the point's feeder,
 * policy and parameters as typed columns (null where a parameter does not apply, lfm_cost null when the LFM is
 * infeasible), and {@code distribution.parquet}, the quantiles of distribution.csv. Written by Spark's committer:
 * only a successful task attempt's file is kept.
 */
final class SweepParquet {
    static final StructType DRAWS = new StructType(new StructField[] {
        field("draw", DataTypes.IntegerType, false), field("scenario", DataTypes.StringType, false),
        field("feeder", DataTypes.StringType, false), field("policy", DataTypes.StringType, false),
        field("theta", DataTypes.DoubleType, true), field("w", DataTypes.DoubleType, true),
        field("heavy", DataTypes.BooleanType, false), field("congested_lines", DataTypes.IntegerType, false),
        field("overflow_sum", DataTypes.DoubleType, false), field("overflow_weighted_avg", DataTypes.DoubleType, false),
        field("lfm_feasible", DataTypes.BooleanType, false), field("lfm_cost", DataTypes.DoubleType, true),
        field("p2p_volume", DataTypes.DoubleType, false)});

    static final StructType DISTRIBUTION = new StructType(new StructField[] {
        field("scenario", DataTypes.StringType, false), field("kpi", DataTypes.StringType, false),
        field("n", DataTypes.IntegerType, false), field("mean", DataTypes.DoubleType, true),
        field("p05", DataTypes.DoubleType, true), field("p25", DataTypes.DoubleType, true),
        field("p50", DataTypes.DoubleType, true), field("p75", DataTypes.DoubleType, true),
        field("p95", DataTypes.DoubleType, true)});

    private SweepParquet() {}

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }

    /** Writes both tables under {@code dir} (a Hadoop path: a local folder, hdfs://, s3a://), replacing old ones. */
    static void write(SparkSession spark, Sweep.Plan plan, Sweep.Result r, String dir) {
        spark.createDataFrame(drawRows(plan, r), DRAWS).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(dir + "/draws.parquet");
        spark.createDataFrame(distributionRows(r), DISTRIBUTION).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(dir + "/distribution.parquet");
    }

    static List<Row> drawRows(Sweep.Plan plan, Sweep.Result r) {
        Map<String, SweepCell> cells = new HashMap<>();
        plan.cells().forEach(c -> cells.put(c.name(), c));
        List<Row> rows = new ArrayList<>();
        for (Sweep.Point p : r.points()) {
            SweepCell c = cells.get(p.scenario());
            rows.add(RowFactory.create(p.draw(), p.scenario(), c.feeder(), c.policy(), orNull(c.theta()),
                    orNull(c.w()), c.heavy(), p.congestedLines(), p.overflowSum(), p.overflowWeightedAvg(),
                    p.feasible(), p.feasible() ? p.lfmCost() : null, p.p2pVolume()));
        }
        return rows;
    }

    static List<Row> distributionRows(Sweep.Result r) {
        List<Row> rows = new ArrayList<>();
        for (Sweep.Stats s : r.stats()) {
            rows.add(RowFactory.create(s.scenario(), s.kpi(), s.n(), orNull(s.mean()), orNull(s.p05()),
                    orNull(s.p25()), orNull(s.p50()), orNull(s.p75()), orNull(s.p95())));
        }
        return rows;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
