package io.provisioning.reports;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The WHERE clause of a {@link ReportQuery} and its parameters: user values are always bound, never inlined. */
record ReportFilter(String where, List<Object> parameters) {

    static ReportFilter of(ReportQuery query) {
        StringBuilder where = new StringBuilder("occurred_at >= ? AND occurred_at < ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.from().atOffset(ZoneOffset.UTC));
        parameters.add(query.to().atOffset(ZoneOffset.UTC));
        if (query.identifier() != null) {
            where.append(" AND user_identifier_key = ?");
            parameters.add(ReportRows.identifierKey(query.identifier()));
        }
        add(where, parameters, "application", query.application());
        add(where, parameters, "operation", query.operation());
        add(where, parameters, "status", query.status());
        return new ReportFilter(where.toString(), List.copyOf(parameters));
    }

    private static void add(StringBuilder where, List<Object> parameters, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            parameters.add(value);
        }
    }

    /** Binds the parameters from index 1; @return the next free index */
    int bind(PreparedStatement statement) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        return index;
    }
}
