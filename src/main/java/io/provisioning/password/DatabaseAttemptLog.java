package io.provisioning.password;

import io.provisioning.directory.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Failures in the database (table {@code failed_attempt}, V26): every instance counts the same rows, so a client
 * spreading its guesses over the instances behind a Service gets the limit once, not once per instance.
 */
final class DatabaseAttemptLog implements AttemptLog {

    private static final int MAX_KEY = 128;

    private final DataSource dataSource;
    private final String scope;

    /** @param scope which limiter's failures these are (one table for all) */
    DatabaseAttemptLog(DataSource dataSource, String scope) {
        this.dataSource = dataSource;
        this.scope = scope;
    }

    @Override
    public void add(String key, long millis, long forgetBefore) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement purge =
                            connection.prepareStatement("DELETE FROM failed_attempt WHERE attempted_at < ?");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO failed_attempt (scope, client_key, attempted_at) VALUES (?, ?, ?)")) {
                purge.setObject(1, at(forgetBefore));
                purge.executeUpdate();
                insert.setString(1, scope);
                insert.setString(2, clip(key));
                insert.setObject(3, at(millis));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public int countAfter(String key, long since) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM failed_attempt"
                    + " WHERE scope = ? AND client_key = ? AND attempted_at > ?")) {
                select.setString(1, scope);
                select.setString(2, clip(key));
                select.setObject(3, at(since));
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    private static OffsetDateTime at(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private static String clip(String key) {
        return key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY);
    }
}
