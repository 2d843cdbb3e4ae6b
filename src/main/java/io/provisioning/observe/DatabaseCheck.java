package io.provisioning.observe;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The directory database answers within the timeout. */
class DatabaseCheck implements Supplier<CheckResult> {

    private final DataSource dataSource;
    private final int timeoutSeconds;

    public DatabaseCheck(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public CheckResult get() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(timeoutSeconds)
                    ? CheckResult.ok()
                    : CheckResult.down("the connection is not valid");
        } catch (SQLException e) {
            return CheckResult.down(e);
        }
    }
}
