package io.provisioning.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads report rows straight from the directory database. */
public final class Reports {

    private Reports() {}

    public static List<Map<String, Object>> forUser(DataSource dataSource, String userIdentifier) {
        return rows(
                dataSource, "SELECT * FROM provisioning_report WHERE user_identifier = ? ORDER BY id", userIdentifier);
    }

    /** Seeds one report row as the reports-insert route would write it, at the given time. */
    public static void insert(
            DataSource dataSource,
            java.time.Instant at,
            String identifier,
            String application,
            String operation,
            String status,
            String errorMessage) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO provisioning_report (occurred_at, user_identifier, user_identifier_key, application, operation,"
                                + " status, error_message, source, attempt, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 'test', 1, 5)")) {
            insert.setObject(1, at.atOffset(java.time.ZoneOffset.UTC));
            insert.setString(2, identifier);
            insert.setString(3, identifier.toLowerCase(java.util.Locale.ROOT));
            insert.setString(4, application);
            insert.setString(5, operation);
            insert.setString(6, status);
            insert.setString(7, errorMessage);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test bundle's directory database. */
    public static DataSource dataSource(org.apache.camel.CamelContext context) {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    public static List<Map<String, Object>> rows(DataSource dataSource, String sql, Object... args) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c).toLowerCase(), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
