package io.provisioning.directory;

import java.sql.Connection;
import java.sql.SQLException;

/** More rows written in the transaction of a directory change (e.g. a SCIM resource beside its user). */
@FunctionalInterface
public interface AlongWith {

    AlongWith NOTHING = (connection, user) -> {};

    /** @param user the user as the transaction leaves it */
    void write(Connection connection, User user) throws SQLException;
}
