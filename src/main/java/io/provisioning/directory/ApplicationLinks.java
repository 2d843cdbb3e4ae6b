package io.provisioning.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The link of each user to its record in each application (JDBC), and the onboarding status derived from them. */
public class ApplicationLinks {

    private static final String COLUMNS =
            "application, state, record_id, error_code, error_message, synced_fields, updated_at";

    private final DataSource dataSource;

    public ApplicationLinks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<ApplicationLink> list(String userId) {
        return Jdbc.inTransaction(dataSource, connection -> list(connection, userId));
    }

    /** The links of many users to one application in one query, by user id. */
    public java.util.Map<String, ApplicationLink> findAll(java.util.Collection<String> userIds, String application) {
        if (userIds.isEmpty()) {
            return java.util.Map.of();
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            String marks = String.join(", ", java.util.Collections.nCopies(userIds.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement("SELECT user_id, " + COLUMNS
                    + " FROM application_link WHERE application = ? AND user_id IN (" + marks + ")")) {
                select.setString(1, application);
                int i = 2;
                for (String id : userIds) {
                    select.setString(i++, id);
                }
                java.util.Map<String, ApplicationLink> links = new java.util.HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        links.put(
                                rows.getString(1),
                                new ApplicationLink(
                                        rows.getString(2),
                                        LinkState.of(rows.getString(3)),
                                        rows.getString(4),
                                        rows.getString(5),
                                        rows.getString(6),
                                        rows.getString(7),
                                        rows.getObject(8, OffsetDateTime.class)));
                    }
                }
                return links;
            }
        });
    }

    /**
     * Which directory user each of these records is linked to in the application (records linked to none are absent).
     */
    public java.util.Map<String, String> linkedUsers(String application, java.util.Collection<String> recordIds) {
        if (recordIds.isEmpty()) {
            return java.util.Map.of();
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            // (application, record_id) pairs: H2 looks each pair up in ix_application_link_record, where
            // "application = ? AND record_id IN (...)" would walk all of the application's links for every page.
            String marks = String.join(", ", java.util.Collections.nCopies(recordIds.size(), "(?, ?)"));
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT record_id, user_id FROM application_link"
                            + " WHERE (application, record_id) IN (" + marks + ")")) {
                int i = 1;
                for (String id : recordIds) {
                    select.setString(i++, application);
                    select.setString(i++, id);
                }
                java.util.Map<String, String> users = new java.util.HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        users.put(rows.getString(1), rows.getString(2));
                    }
                }
                return users;
            }
        });
    }

    public Optional<ApplicationLink> find(String userId, String application) {
        return list(userId).stream()
                .filter(l -> l.application().equals(application))
                .findFirst();
    }

    /**
     * Records the outcome of an operation on a link, and the user's overall onboarding status.
     *
     * @param recordId null keeps the stored id
     * @param syncedFields null keeps the stored snapshot
     */
    public void record(
            String userId,
            String application,
            LinkState state,
            String recordId,
            String errorCode,
            String errorMessage,
            String syncedFields) {
        record(userId, application, state, recordId, errorCode, errorMessage, syncedFields, connection -> null);
    }

    /** @param along more rows written in the same transaction (the outcome's outbox item and report row) */
    public void record(
            String userId,
            String application,
            LinkState state,
            String recordId,
            String errorCode,
            String errorMessage,
            String syncedFields,
            Jdbc.Work<?> along) {
        Jdbc.inTransaction(dataSource, connection -> {
            lockUsers(connection, List.of(userId));
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE application_link SET state = ?, record_id = COALESCE(?, record_id), error_code = ?,"
                            + " error_message = ?, synced_fields = COALESCE(?, synced_fields), updated_at = ?"
                            + " WHERE user_id = ? AND application = ?")) {
                update.setString(1, state.db());
                update.setString(2, recordId);
                update.setString(3, errorCode);
                update.setString(4, UserDirectory.truncate(errorMessage, 2000));
                update.setString(5, syncedFields);
                update.setObject(6, UserDirectory.now());
                update.setString(7, userId);
                update.setString(8, application);
                if (update.executeUpdate() == 0) {
                    insert(connection, userId, application, state, recordId, syncedFields);
                }
            }
            refreshOnboardingStatus(connection, userId);
            along.run(connection);
            return null;
        });
    }

    /** One link's new state, for {@link #recordAll}. */
    public record Outcome(String userId, String application, LinkState state, String recordId, String syncedFields) {}

    /**
     * Records successful outcomes of many links in ONE transaction (the results of one sObject collection call),
     * and completes their outbox items with them.
     */
    public void recordAll(List<Outcome> outcomes, List<Long> outboxIds) {
        recordAll(outcomes, outboxIds, connection -> null);
    }

    /** @param along more rows written in the same transaction (the outcomes' report rows) */
    public void recordAll(List<Outcome> outcomes, List<Long> outboxIds, Jdbc.Work<?> along) {
        if (outcomes.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            lockUsers(connection, outcomes.stream().map(Outcome::userId).toList());
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE application_link SET state = ?, record_id = COALESCE(?, record_id), error_code = NULL,"
                            + " error_message = NULL, synced_fields = COALESCE(?, synced_fields), updated_at = ?"
                            + " WHERE user_id = ? AND application = ?")) {
                for (Outcome outcome : outcomes) {
                    update.setString(1, outcome.state().db());
                    update.setString(2, outcome.recordId());
                    update.setString(3, outcome.syncedFields());
                    update.setObject(4, UserDirectory.now());
                    update.setString(5, outcome.userId());
                    update.setString(6, outcome.application());
                    update.addBatch();
                }
                update.executeBatch();
            }
            refreshOnboardingStatus(
                    connection,
                    new java.util.TreeSet<>(
                            outcomes.stream().map(Outcome::userId).toList()));
            Outbox.complete(connection, outboxIds);
            along.run(connection);
            return null;
        });
    }

    /**
     * Locks the users' rows first: outcomes of one user in two applications are recorded one after the other, so the
     * second sees the first's link when it derives the onboarding status. Sorted, so two batches never deadlock.
     */
    private static void lockUsers(Connection connection, List<String> userIds) throws SQLException {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>(userIds);
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT id FROM directory_user WHERE id IN (" + marks + ") ORDER BY id FOR UPDATE")) {
            int i = 1;
            for (String id : ids) {
                lock.setString(i++, id);
            }
            try (ResultSet ignored = lock.executeQuery()) {
                // the lock is the point
            }
        }
    }

    static List<ApplicationLink> list(Connection connection, String userId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM application_link WHERE user_id = ? ORDER BY application")) {
            select.setString(1, userId);
            List<ApplicationLink> links = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    links.add(new ApplicationLink(
                            rows.getString(1),
                            LinkState.of(rows.getString(2)),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getObject(7, OffsetDateTime.class)));
                }
            }
            return links;
        }
    }

    static final String INSERT = "INSERT INTO application_link (user_id, application, state, record_id, synced_fields,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?)";

    static void insert(
            Connection connection,
            String userId,
            String application,
            LinkState state,
            String recordId,
            String syncedFields)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bindInsert(insert, userId, application, state, recordId, syncedFields);
            insert.executeUpdate();
        }
    }

    static void bindInsert(
            PreparedStatement insert,
            String userId,
            String application,
            LinkState state,
            String recordId,
            String syncedFields)
            throws SQLException {
        insert.setString(1, userId);
        insert.setString(2, application);
        insert.setString(3, state.db());
        insert.setString(4, recordId);
        insert.setString(5, syncedFields);
        insert.setObject(6, UserDirectory.now());
    }

    /**
     * failed when any link failed or went stale, provisioning while any is pending, deprovisioned for an inactive
     * user; otherwise the user's activation state (mail-pending, invited, activated, failed: kept in its own column by
     * the password package) when there is one, else provisioned. Users without links keep their status unless they
     * have an activation state.
     */
    public static void refreshOnboardingStatus(Connection connection, String userId) throws SQLException {
        refreshOnboardingStatus(connection, List.of(userId));
    }

    /** {@link #refreshOnboardingStatus(Connection, String)} for many users in one statement. */
    static void refreshOnboardingStatus(Connection connection, java.util.Collection<String> userIds)
            throws SQLException {
        if (userIds.isEmpty()) {
            return;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(userIds.size(), "?"));
        String link = "SELECT 1 FROM application_link l WHERE l.user_id = directory_user.id";
        try (PreparedStatement update = connection.prepareStatement("UPDATE directory_user SET onboarding_status = CASE"
                + " WHEN EXISTS (" + link + " AND l.state IN ('failed', 'stale')) THEN 'failed'"
                + " WHEN EXISTS (" + link + " AND l.state = 'pending') THEN 'provisioning'"
                + " WHEN NOT active AND EXISTS (" + link + ") THEN 'deprovisioned'"
                + " WHEN activation_status IS NOT NULL THEN activation_status"
                + " WHEN EXISTS (" + link + ") THEN 'provisioned'"
                + " ELSE onboarding_status END"
                + " WHERE id IN (" + marks + ")")) {
            int i = 1;
            for (String userId : userIds) {
                update.setString(i++, userId);
            }
            update.executeUpdate();
        }
    }
}
