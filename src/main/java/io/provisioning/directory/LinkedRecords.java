package io.provisioning.directory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The records the bundle wrote in an application, as a reconcile reads them, and the repairs it queues: the link's
 * snapshot of what the record holds is corrected, and an update is queued, so the outbox sends the directory's values
 * for exactly the fields that drifted (or recreates a record deleted in Salesforce) through the real write path.
 */
public class LinkedRecords {

    /** A link with a record: the user, the record id, and the mapped fields last written (JSON, may be null). */
    public record Linked(String userId, String recordId, String syncedFields) {}

    /** A repair: {@code syncedFields} = what the record holds now; {@code missing}: deleted in Salesforce. */
    public record Repair(String userId, String syncedFields, boolean missing) {}

    private final DataSource dataSource;
    private final Outbox outbox;

    public LinkedRecords(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * The application's provisioned (or last-failed) links with a record, oldest user first. Links with work pending
     * are left out: that work is about to write them anyway.
     */
    public List<Linked> withRecords(String application) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT l.user_id, l.record_id, l.synced_fields FROM application_link l"
                            + " WHERE l.application = ? AND l.record_id IS NOT NULL AND l.state IN (?, ?)"
                            + " AND NOT EXISTS (SELECT 1 FROM provisioning_outbox o WHERE o.user_id = l.user_id"
                            + " AND o.application = l.application AND o.status = ?) ORDER BY l.user_id")) {
                select.setString(1, application);
                select.setString(2, LinkState.PROVISIONED.db());
                select.setString(3, LinkState.FAILED.db());
                select.setString(4, OutboxStatus.PENDING.db());
                List<Linked> linked = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        linked.add(new Linked(rows.getString(1), rows.getString(2), rows.getString(3)));
                    }
                }
                return linked;
            }
        });
    }

    /** Stores a snapshot that was never stored (links from before snapshots), without queuing anything. */
    public void storeSnapshots(String application, List<Repair> snapshots) {
        write(application, snapshots, null);
    }

    /** Corrects each link's snapshot (missing records: the link goes stale) and queues an update, one transaction. */
    public void queueRepairs(String application, List<Repair> repairs, String source) {
        write(application, repairs, source);
    }

    private void write(String application, List<Repair> repairs, String source) {
        if (repairs.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, connection -> {
            java.time.OffsetDateTime now = UserDirectory.now();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE application_link SET synced_fields = ?, state = CASE WHEN ? THEN ? ELSE state END,"
                            + " updated_at = ? WHERE user_id = ? AND application = ?")) {
                for (Repair repair : repairs) {
                    update.setString(1, repair.syncedFields());
                    update.setBoolean(2, repair.missing());
                    update.setString(3, LinkState.STALE.db());
                    update.setObject(4, now);
                    update.setString(5, repair.userId());
                    update.setString(6, application);
                    update.addBatch();
                }
                update.executeBatch();
            }
            if (source != null) {
                for (Repair repair : repairs) {
                    outbox.enqueue(connection, repair.userId(), application, Operation.UPDATE, source, now);
                }
            }
            return null;
        });
    }
}
