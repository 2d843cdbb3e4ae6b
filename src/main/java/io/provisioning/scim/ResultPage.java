package io.provisioning.scim;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One page of a list query and how many rows match in all: the count query, then the page (skipped when empty). */
public record ResultPage<T>(long total, List<T> rows) {

    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * @param countSql  {@code SELECT COUNT(*) …} with the filter's parameters
     * @param selectSql the same selection, ordered, ending in {@code LIMIT ? OFFSET ?}
     */
    static <T> ResultPage<T> query(
            Connection connection,
            String countSql,
            String selectSql,
            List<Object> parameters,
            int offset,
            int limit,
            RowReader<T> reader)
            throws SQLException {
        long total;
        try (PreparedStatement count = connection.prepareStatement(countSql)) {
            bind(count, parameters);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                total = rows.getLong(1);
            }
        }
        List<T> page = new ArrayList<>();
        if (limit > 0 && offset < total) {
            try (PreparedStatement select = connection.prepareStatement(selectSql)) {
                int next = bind(select, parameters);
                select.setInt(next++, limit);
                select.setInt(next, offset);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        page.add(reader.read(rows));
                    }
                }
            }
        }
        return new ResultPage<>(total, page);
    }

    private static int bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int i = 1;
        for (Object parameter : parameters) {
            statement.setObject(i++, parameter);
        }
        return i;
    }
}
