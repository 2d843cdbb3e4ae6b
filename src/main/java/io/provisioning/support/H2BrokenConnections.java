package io.provisioning.support;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;
import org.h2.api.ErrorCode;

/**
 * Tells the pool which H2 errors mean the connection is dead. HikariCP evicts a connection on the standard
 * connection-failure states (08xxx), but H2 reports a lost server with its own codes; without this, a connection to an
 * H2 server that went away and came back stays in the pool and fails every borrower ("Database is already closed").
 */
public final class H2BrokenConnections implements SQLExceptionOverride {

    private static final Set<Integer> BROKEN = Set.of(
            ErrorCode.CONNECTION_BROKEN_1,
            ErrorCode.DATABASE_IS_CLOSED,
            ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
            ErrorCode.OBJECT_CLOSED);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return BROKEN.contains(e.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
