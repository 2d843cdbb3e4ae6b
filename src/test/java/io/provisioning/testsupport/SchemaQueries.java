package io.provisioning.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads a test environment's database from outside the bundles (which run in other JVMs): a fresh connection per
 * query, on the environment's schema.
 */
public final class SchemaQueries {

    /** One row of a query. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private final String url;

    public SchemaQueries(TestEnvironment env) {
        String base = env.properties().get("provisioning.db.url");
        String schema = env.properties().get("provisioning.db.schema");
        this.url = schema == null ? base : base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The first column of the first row as a number; -1 while the query fails (e.g. not migrated yet). */
    public long count(String query) {
        try (Connection db = DriverManager.getConnection(url);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Every row of the query, in order. */
    public void forEach(String query, RowReader reader) {
        try (Connection db = DriverManager.getConnection(url);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
