package io.provisioning.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Writes a chunk of bulk rows in ONE transaction: each row's directory change and provisioning work, its outcome,
 * the file's checkpoint and the job's counters. A crash loses the whole chunk or nothing, and the file resumes after
 * the checkpoint, so every row is applied exactly once. The checkpoint holds only while this instance still holds the
 * file's claim: a reader whose file was taken over gets {@link ClaimLostException} and its chunk rolls back. A
 * failing row is rolled back to its savepoint and reported; the others go on.
 */
public class BulkRowWriter {

    private final DataSource dataSource;
    private final UserDirectory directory;
    private final InboundFiles files;

    public BulkRowWriter(DataSource dataSource, UserDirectory directory, InboundFiles files) {
        this.dataSource = dataSource;
        this.directory = directory;
        this.files = files;
    }

    /**
     * @param applications the applications new users are linked to
     * @param source the report source prefix, e.g. {@code file:users.csv}; rows add {@code #<rowNo>}
     * @return the number of rows per outcome
     */
    public Map<BulkOutcome, Integer> write(
            String jobId,
            List<BulkRow> rows,
            List<String> applications,
            String source,
            long rowsCommittedAfter,
            long bytesRead) {
        return Jdbc.inTransaction(dataSource, connection -> {
            // first: fails the chunk at once when another instance took the file over (its claim is fenced)
            files.checkpoint(connection, jobId, rowsCommittedAfter, bytesRead);
            Map<BulkOutcome, Integer> counts = new EnumMap<>(BulkOutcome.class);
            try (PreparedStatement result = connection.prepareStatement(INSERT_RESULT)) {
                List<BulkRow> newUsers = newUsers(connection, rows);
                List<BulkRow> oneByOne = rows;
                if (!newUsers.isEmpty()) {
                    Savepoint fast = connection.setSavepoint();
                    try {
                        createAll(connection, result, jobId, newUsers, applications, source);
                        counts.put(BulkOutcome.CREATED, newUsers.size());
                        java.util.Set<BulkRow> fastRows =
                                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                        fastRows.addAll(newUsers);
                        oneByOne =
                                rows.stream().filter(r -> !fastRows.contains(r)).toList();
                    } catch (SQLException e) {
                        // e.g. another instance took a user name meanwhile: go row by row, which reports it
                        connection.rollback(fast);
                        counts.clear();
                    }
                    connection.releaseSavepoint(fast);
                }
                for (BulkRow row : oneByOne) {
                    Savepoint savepoint = connection.setSavepoint();
                    String[] detail = new String[1];
                    String[] userId = new String[1];
                    BulkOutcome outcome;
                    try {
                        outcome =
                                apply(connection, row, applications, source + "#" + row.rowNo(), jobId, detail, userId);
                        insertResult(result, jobId, row, outcome, detail[0], userId[0], true);
                    } catch (SQLException | RuntimeException e) {
                        connection.rollback(savepoint);
                        boolean duplicate = e instanceof SQLException sql
                                        && UserDirectory.UNIQUE_VIOLATION.equals(sql.getSQLState())
                                || e instanceof DuplicateUserException;
                        outcome = duplicate ? BulkOutcome.DUPLICATE : BulkOutcome.INVALID;
                        insertResult(
                                result,
                                jobId,
                                row,
                                outcome,
                                duplicate
                                        ? "the user appears in an earlier row of this file, or its user name is taken"
                                        : "could not be applied: " + e.getMessage(),
                                null,
                                false);
                    }
                    connection.releaseSavepoint(savepoint);
                    counts.merge(outcome, 1, Integer::sum);
                }
            }
            Jobs.bulkProgress(connection, jobId, counts);
            return counts;
        });
    }

    private static final String INSERT_RESULT =
            "INSERT INTO bulk_row (job_id, row_no, identifier, identifier_key, action,"
                    + " outcome, detail, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * The rows that simply create a new user: valid, create or upsert, a user name used by no other row of the chunk
     * and by no directory user. They take the batched fast path; every other row goes one by one.
     */
    private static List<BulkRow> newUsers(Connection connection, List<BulkRow> rows) throws SQLException {
        Map<String, Integer> occurrences = new java.util.HashMap<>();
        for (BulkRow row : rows) {
            if (row.userName() != null) {
                occurrences.merge(row.userName().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        List<BulkRow> candidates = rows.stream()
                .filter(r -> r.invalid() == null
                        && r.newUser() != null
                        && !BulkRow.UPDATE.equals(r.action())
                        && !BulkRow.DELETE.equals(r.action())
                        && occurrences.get(r.userName().toLowerCase(Locale.ROOT)) == 1)
                .toList();
        java.util.Set<String> taken = UserDirectory.existingKeys(
                connection,
                candidates.stream()
                        .map(r -> r.userName().toLowerCase(Locale.ROOT))
                        .toList());
        return candidates.stream()
                .filter(r -> !taken.contains(r.userName().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private void createAll(
            Connection connection,
            PreparedStatement result,
            String jobId,
            List<BulkRow> rows,
            List<String> applications,
            String source)
            throws SQLException {
        List<String> ids = directory.createAll(
                connection,
                rows.stream().map(BulkRow::newUser).toList(),
                applications,
                rows.stream().map(r -> source + "#" + r.rowNo()).toList(),
                jobId);
        for (int i = 0; i < rows.size(); i++) {
            bindResult(result, jobId, rows.get(i), BulkOutcome.CREATED, null, ids.get(i), true);
            result.addBatch();
        }
        result.executeBatch();
    }

    private BulkOutcome apply(
            Connection connection,
            BulkRow row,
            List<String> applications,
            String source,
            String jobId,
            String[] detail,
            String[] userId)
            throws SQLException {
        if (row.invalid() != null) {
            detail[0] = row.invalid();
            return BulkOutcome.INVALID;
        }
        Optional<User> existing = UserDirectory.findByUserName(connection, row.userName());
        existing.ifPresent(u -> userId[0] = u.id());
        switch (row.action()) {
            case BulkRow.DELETE -> {
                if (existing.isEmpty()) {
                    detail[0] = "no user with this userName";
                    return BulkOutcome.INVALID;
                }
                boolean changed = directory.update(connection, existing.get(), UserPatch.deactivate(), source, jobId);
                return changed ? BulkOutcome.DELETED : BulkOutcome.UNCHANGED;
            }
            case BulkRow.UPDATE -> {
                if (existing.isEmpty()) {
                    detail[0] = "no user with this userName";
                    return BulkOutcome.INVALID;
                }
                return directory.update(connection, existing.get(), row.patch(), source, jobId)
                        ? BulkOutcome.UPDATED
                        : BulkOutcome.UNCHANGED;
            }
            case BulkRow.CREATE -> {
                if (existing.isPresent()) {
                    detail[0] = "a user with this userName already exists";
                    return BulkOutcome.INVALID;
                }
                return createOrExplain(connection, row, applications, source, jobId, detail, userId);
            }
            default -> {
                if (existing.isPresent()) {
                    return directory.update(connection, existing.get(), row.patch(), source, jobId)
                            ? BulkOutcome.UPDATED
                            : BulkOutcome.UNCHANGED;
                }
                return createOrExplain(connection, row, applications, source, jobId, detail, userId);
            }
        }
    }

    private BulkOutcome createOrExplain(
            Connection connection,
            BulkRow row,
            List<String> applications,
            String source,
            String jobId,
            String[] detail,
            String[] userId)
            throws SQLException {
        if (row.newUser() == null) {
            detail[0] = row.createError();
            return BulkOutcome.INVALID;
        }
        userId[0] = directory
                .create(connection, row.newUser(), applications, source, jobId)
                .id();
        return BulkOutcome.CREATED;
    }

    private static void insertResult(
            PreparedStatement insert,
            String jobId,
            BulkRow row,
            BulkOutcome outcome,
            String detail,
            String userId,
            boolean keyed)
            throws SQLException {
        bindResult(insert, jobId, row, outcome, detail, userId, keyed);
        insert.executeUpdate();
    }

    private static void bindResult(
            PreparedStatement insert,
            String jobId,
            BulkRow row,
            BulkOutcome outcome,
            String detail,
            String userId,
            boolean keyed)
            throws SQLException {
        insert.setString(1, jobId);
        insert.setLong(2, row.rowNo());
        insert.setString(3, UserDirectory.truncate(row.userName(), 255));
        // Only applied rows claim their user name in this file, so a later row for the same user is a duplicate.
        boolean claimsName = keyed && row.userName() != null && outcome != BulkOutcome.INVALID;
        insert.setString(4, claimsName ? UserDirectory.truncate(row.userName().toLowerCase(Locale.ROOT), 255) : null);
        insert.setString(5, row.action());
        insert.setString(6, outcome.label());
        insert.setString(7, UserDirectory.truncate(detail, 2000));
        insert.setString(8, userId);
    }
}
