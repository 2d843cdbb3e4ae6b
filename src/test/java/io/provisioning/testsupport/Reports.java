package io.provisioning.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/** Reads report rows straight from the directory database. */
public final class Reports {

    private Reports() {
    }

    public static List<Map<String, Object>> forUser(DataSource dataSource, String userIdentifier) {
        return rows(dataSource, "SELECT * FROM provisioning_report WHERE user_identifier = ? ORDER BY id", userIdentifier);
    }

    public static List<Map<String, Object>> rows(DataSource dataSource, String sql, Object... args) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c).toLowerCase(), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
