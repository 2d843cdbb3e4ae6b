package io.provisioning.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.provisioning.reports.ReportQuery;
import io.provisioning.reports.ReportRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.flywaydb.core.Flyway;

/**
 * Report query benchmark on PostgreSQL (run by {@code bench/reports-benchmark.sh}, not a test): loads 1,000,000
 * report rows spread over a year into schema {@code bench_reports} (once; server-side multi-row inserts), then times
 * the report API's own queries ({@link ReportRepository#page}: the page plus the totals per status) and prints the
 * median and p95 of each, with the query plans.
 */
public final class ReportsBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 50);
    private static final int IDENTIFIERS = 1_000;
    private static final String SCHEMA = "bench_reports";

    private ReportsBenchmark() {}

    public static void main(String[] args) throws Exception {
        String url = System.getenv()
                .getOrDefault("PROVISIONING_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setSchema(SCHEMA);
        config.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(SCHEMA)
                    .createSchemas(true)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            Instant now = Instant.now();
            load(dataSource, now);
            ReportRepository repository = new ReportRepository(dataSource);
            Random random = new Random(7);
            IntFunction<ReportQuery> filtered = run -> new ReportQuery(
                    "User" + random.nextInt(IDENTIFIERS) + "@Example.com",
                    "salesforce",
                    null,
                    null,
                    now.minus(Duration.ofDays(7)),
                    now,
                    1,
                    50,
                    null);
            IntFunction<ReportQuery> lastDay =
                    run -> new ReportQuery(null, null, null, null, now.minus(Duration.ofHours(24)), now, 1, 50, null);
            explain(
                    dataSource,
                    "identifier + application + 7 days",
                    "SELECT * FROM provisioning_report WHERE occurred_at >= ? AND occurred_at < ? AND user_identifier_key = ?"
                            + " AND application = ? ORDER BY occurred_at DESC, id DESC LIMIT 50",
                    now.minus(Duration.ofDays(7)),
                    now,
                    "user42@example.com",
                    "salesforce");
            explain(
                    dataSource,
                    "unfiltered 24 hours, first page",
                    "SELECT * FROM provisioning_report WHERE occurred_at >= ? AND occurred_at < ?"
                            + " ORDER BY occurred_at DESC, id DESC LIMIT 50",
                    now.minus(Duration.ofHours(24)),
                    now);
            explain(
                    dataSource,
                    "unfiltered 24 hours, totals per status",
                    "SELECT status, COUNT(*) FROM provisioning_report WHERE occurred_at >= ? AND occurred_at < ? GROUP BY status",
                    now.minus(Duration.ofHours(24)),
                    now);
            System.out.println();
            System.out.printf(
                    "%,d rows, %d runs each (after 5 warm-up runs); page of 50 + totals per status%n",
                    count(dataSource), RUNS);
            measure("(a) identifier + application + 7-day span", repository, filtered);
            measure("(b) unfiltered 24-hour span, first page", repository, lastDay);
            measure(
                    "(c) unfiltered 7-day span (the default), first page",
                    repository,
                    run -> new ReportQuery(null, null, null, null, now.minus(Duration.ofDays(7)), now, 1, 50, null));
        }
    }

    private static void load(HikariDataSource dataSource, Instant now) throws SQLException {
        long existing = count(dataSource);
        if (existing >= ROWS) {
            System.out.printf("Using the %,d rows already in schema %s (drop it to reload)%n", existing, SCHEMA);
            return;
        }
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE provisioning_report");
            int chunk = 100_000;
            for (int start = 0; start < ROWS; start += chunk) {
                try (PreparedStatement insert = connection.prepareStatement(
                        """
                        INSERT INTO provisioning_report (occurred_at, user_identifier, user_identifier_key,
                            application, operation, status, record_id, error_code, error_message, source, request_id,
                            attempt, duration_ms)
                        SELECT ?::timestamptz - (i * (365 * 86400.0 / ?)) * INTERVAL '1 second',
                            'User' || (i % ?) || '@Example.com', 'user' || (i % ?) || '@example.com',
                            (ARRAY['salesforce','salesforce-sandbox','partner-org'])[1 + i % 3],
                            (ARRAY['create','update','delete','import'])[1 + i % 4],
                            CASE WHEN i % 20 = 0 THEN 'failure' WHEN i % 10 = 1 THEN 'retrying'
                                 WHEN i % 50 = 2 THEN 'skipped' ELSE 'success' END,
                            CASE WHEN i % 20 = 0 THEN NULL ELSE '00Q' || lpad(i::text, 15, '0') END,
                            CASE WHEN i % 20 = 0 THEN 'REQUIRED_FIELD_MISSING' END,
                            CASE WHEN i % 20 = 0 THEN 'Required fields are missing: [Company]' END,
                            'api:POST /api/users', 'outbox-' || i, 1 + i % 3, 20 + i % 400
                        FROM generate_series(?, ?) AS i
                        """)) {
                    insert.setObject(1, now.atOffset(ZoneOffset.UTC));
                    insert.setInt(2, ROWS);
                    insert.setInt(3, IDENTIFIERS);
                    insert.setInt(4, IDENTIFIERS);
                    insert.setInt(5, start);
                    insert.setInt(6, Math.min(ROWS, start + chunk) - 1);
                    insert.executeUpdate();
                }
            }
            statement.execute("VACUUM ANALYZE provisioning_report");
        }
        System.out.printf(
                "Loaded %,d rows in %d s%n",
                ROWS, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private static void measure(String name, ReportRepository repository, IntFunction<ReportQuery> queries) {
        for (int i = 0; i < 5; i++) {
            repository.page(queries.apply(i));
        }
        List<Double> millis = new ArrayList<>();
        long rows = 0;
        for (int i = 0; i < RUNS; i++) {
            ReportQuery query = queries.apply(i);
            long started = System.nanoTime();
            rows += repository.page(query).total();
            millis.add((System.nanoTime() - started) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf(
                "%-52s median %6.2f ms   p95 %6.2f ms   (avg %d matching rows)%n",
                name,
                millis.get(millis.size() / 2),
                millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                rows / RUNS);
    }

    private static void explain(HikariDataSource dataSource, String name, String sql, Object... parameters)
            throws SQLException {
        System.out.println("EXPLAIN ANALYZE: " + name);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                explain.setObject(i + 1, p instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : p);
            }
            try (ResultSet plan = explain.executeQuery()) {
                while (plan.next()) {
                    System.out.println("  " + plan.getString(1));
                }
            }
        }
    }

    private static long count(HikariDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM provisioning_report")) {
            result.next();
            return result.getLong(1);
        }
    }
}
