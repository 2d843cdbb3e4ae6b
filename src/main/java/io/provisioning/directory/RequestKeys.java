package io.provisioning.directory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Request keys for writes outside the directory's own methods (e.g. a queued mail): recorded in the caller's
 * transaction, a repeated key throws {@link AlreadyProcessedException}.
 */
public final class RequestKeys {

    private RequestKeys() {}

    public static void record(Connection connection, String requestKey, String source) throws SQLException {
        ProcessedRequests.record(connection, requestKey, source);
    }
}
