package dev.rein.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a test class: local mode, the driver bound to loopback, no UI; {@code local[2,2]} gives every
 * task a second attempt, for the tests that fail a first one.
 */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start() {
        return SparkSession.builder().master("local[2,2]").appName("rein-test")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
