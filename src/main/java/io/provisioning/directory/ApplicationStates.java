package io.provisioning.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Applications whose writes are stopped (issue 17), in the database so that every instance stops and a restart
 * keeps it: {@code paused} by the API budget (resumes by itself), {@code quarantined} after a storm of permanent
 * failures (until someone resumes it). An application without a row is running.
 */
public class ApplicationStates {

    public static final String PAUSED = "paused";
    public static final String QUARANTINED = "quarantined";

    /** A stopped application: why, since when, sample errors, and (paused) when its budget is checked again. */
    public record Stopped(
            String application,
            String state,
            String reason,
            List<String> sampleErrors,
            OffsetDateTime since,
            OffsetDateTime recheckAt) {

        public boolean paused() {
            return PAUSED.equals(state);
        }
    }

    private final DataSource dataSource;
    /** What this instance last read or did: the outbox's check between calls reads it without a query. */
    private volatile java.util.Set<String> lastSeen = java.util.Set.of();

    public ApplicationStates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** As this instance last saw it (read by {@link #stopped()}, changed by its own pauses and quarantines). */
    public boolean lastSeenStopped(String application) {
        return lastSeen.contains(application);
    }

    private void seen(String application, boolean stopped) {
        java.util.Set<String> next = new java.util.HashSet<>(lastSeen);
        if (stopped) {
            next.add(application);
        } else {
            next.remove(application);
        }
        lastSeen = java.util.Set.copyOf(next);
    }

    /** Every stopped application, by name. */
    public Map<String, Stopped> stopped() {
        Map<String, Stopped> stopped = read();
        lastSeen = java.util.Set.copyOf(stopped.keySet());
        return stopped;
    }

    private Map<String, Stopped> read() {
        return Jdbc.inTransaction(dataSource, connection -> {
            Map<String, Stopped> stopped = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT application, state, reason, sample_errors, since, recheck_at FROM application_state"
                            + " ORDER BY application")) {
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String samples = rows.getString(4);
                        stopped.put(
                                rows.getString(1),
                                new Stopped(
                                        rows.getString(1),
                                        rows.getString(2),
                                        rows.getString(3),
                                        samples == null || samples.isEmpty()
                                                ? List.of()
                                                : Arrays.asList(samples.split("\n")),
                                        rows.getObject(5, OffsetDateTime.class),
                                        rows.getObject(6, OffsetDateTime.class)));
                    }
                }
            }
            return stopped;
        });
    }

    /**
     * Pauses a running application; a paused one gets the new reason and recheck time, a quarantined one stays so.
     *
     * @param since when the pause starts (the budget's checks back off with its age)
     * @return true when the application was running
     */
    public boolean pause(String application, String reason, OffsetDateTime since, OffsetDateTime recheckAt) {
        seen(application, true);
        // two workers (or instances) stopping the application at once: the second finds the first one's row
        return Jdbc.inTransactionOrAgainOnDuplicate(dataSource, connection -> {
            String current = state(connection, application);
            if (current == null) {
                insert(connection, application, PAUSED, reason, null, since, recheckAt);
                return true;
            }
            if (PAUSED.equals(current)) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE application_state SET reason = ?, recheck_at = ? WHERE application = ?")) {
                    update.setString(1, UserDirectory.truncate(reason, 2000));
                    update.setObject(2, recheckAt);
                    update.setString(3, application);
                    update.executeUpdate();
                }
            }
            return false;
        });
    }

    /**
     * Quarantines the application (a paused one too: a human has to look at it).
     *
     * @return true when it was not quarantined yet
     */
    public boolean quarantine(String application, String reason, List<String> sampleErrors) {
        seen(application, true);
        // two workers (or instances) stopping the application at once: the second finds the first one's row
        return Jdbc.inTransactionOrAgainOnDuplicate(dataSource, connection -> {
            // a paused application is turned in place, in one conditional statement: two workers that both read
            // "paused" and replaced the row both reported starting the quarantine
            try (PreparedStatement update = connection.prepareStatement("UPDATE application_state SET state = ?,"
                    + " reason = ?, sample_errors = ?, since = ?, recheck_at = NULL WHERE application = ?"
                    + " AND state <> ?")) {
                update.setString(1, QUARANTINED);
                update.setString(2, UserDirectory.truncate(reason, 2000));
                update.setString(3, UserDirectory.truncate(String.join("\n", sampleErrors), 4000));
                update.setObject(4, UserDirectory.now());
                update.setString(5, application);
                update.setString(6, QUARANTINED);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            if (state(connection, application) != null) {
                return false; // quarantined already
            }
            insert(
                    connection,
                    application,
                    QUARANTINED,
                    reason,
                    String.join("\n", sampleErrors),
                    UserDirectory.now(),
                    null);
            return true;
        });
    }

    /** Puts a paused application's next budget check off until {@code at}. */
    public void recheckAt(String application, OffsetDateTime at) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE application_state SET recheck_at = ? WHERE application = ? AND state = ?")) {
                update.setObject(1, at);
                update.setString(2, application);
                update.setString(3, PAUSED);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Lets the application write again.
     *
     * @param onlyState resume only from this state (e.g. a budget check never ends a quarantine), or null for any
     * @return what it was, or empty when it was running
     */
    public Optional<Stopped> resume(String application, String onlyState) {
        Stopped before = read().get(application);
        if (before == null || (onlyState != null && !onlyState.equals(before.state()))) {
            return Optional.empty();
        }
        int deleted = Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM application_state WHERE application = ? AND state = ?")) {
                delete.setString(1, application);
                delete.setString(2, before.state());
                return delete.executeUpdate();
            }
        });
        if (deleted == 1) {
            seen(application, false);
            return Optional.of(before);
        }
        return Optional.empty();
    }

    private static String state(Connection connection, String application) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT state FROM application_state WHERE application = ?")) {
            select.setString(1, application);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static void insert(
            Connection connection,
            String application,
            String state,
            String reason,
            String samples,
            OffsetDateTime since,
            OffsetDateTime recheckAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO application_state"
                + " (application, state, reason, sample_errors, since, recheck_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, application);
            insert.setString(2, state);
            insert.setString(3, UserDirectory.truncate(reason, 2000));
            insert.setString(4, UserDirectory.truncate(samples, 4000));
            insert.setObject(5, since);
            insert.setObject(6, recheckAt);
            insert.executeUpdate();
        }
    }
}
