package io.provisioning.bulk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioning.directory.BulkRow;
import io.provisioning.directory.NewUser;
import io.provisioning.directory.UserPatch;
import io.provisioning.entitlements.EntitlementsParser;
import io.provisioning.requests.InvalidRequestException;
import io.provisioning.requests.UserRequestParser;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a file row into a {@link BulkRow}, validated by the same rules as the HTTP API. */
public final class BulkRowParser {

    private static final Set<String> ACTIONS = Set.of(BulkRow.UPSERT, BulkRow.CREATE, BulkRow.UPDATE, BulkRow.DELETE);

    private final UserRequestParser parser;

    public BulkRowParser(UserRequestParser parser) {
        this.parser = parser;
    }

    public BulkRow parse(CsvUserFile.Row row) {
        String userName = row.values().get("userName");
        String action = CsvUserFile.normalizedAction(row.values().get(CsvUserFile.ACTION));
        if (row.problem() != null) {
            return invalid(row.rowNo(), action, userName, row.problem());
        }
        if (!ACTIONS.contains(action)) {
            return invalid(
                    row.rowNo(),
                    action,
                    userName,
                    "unknown action '" + clip(action, 64) + "', expected one of upsert, create, update, delete");
        }
        if (userName == null) {
            return invalid(row.rowNo(), action, null, "userName: is required");
        }
        if (userName.length() > 255) {
            return invalid(row.rowNo(), action, userName, "userName: longer than 255 characters");
        }
        ObjectNode json = toJson(row.values());
        if (json.has("active") && !json.get("active").isBoolean()) {
            return invalid(row.rowNo(), action, userName, "active: must be true or false");
        }
        if (BulkRow.DELETE.equals(action)) {
            return new BulkRow(row.rowNo(), action, userName, null, null, null, null);
        }
        UserPatch patch;
        try {
            patch = parser.parseChange(json, false);
        } catch (InvalidRequestException e) {
            return invalid(row.rowNo(), action, userName, describe(e));
        }
        NewUser newUser = null;
        String createError = null;
        if (!BulkRow.UPDATE.equals(action)) {
            json.remove("active");
            try {
                newUser = parser.parse(json);
            } catch (InvalidRequestException e) {
                createError = describe(e);
            }
        }
        return new BulkRow(row.rowNo(), action, userName, newUser, createError, patch, null);
    }

    private static ObjectNode toJson(Map<String, String> values) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ObjectNode custom = JsonNodeFactory.instance.objectNode();
        ObjectNode entitlements = EntitlementsParser.columnsAsJson(values);
        if (!entitlements.isEmpty()) {
            json.set("entitlements", entitlements);
        }
        values.forEach((column, value) -> {
            if (column.equals(CsvUserFile.ACTION) || column.startsWith(CsvUserFile.ENTITLEMENTS_PREFIX)) {
                return;
            }
            if (column.equals(CsvUserFile.ACTIVE)) {
                String v = value.trim().toLowerCase(java.util.Locale.ROOT);
                if (v.equals("true") || v.equals("false")) {
                    json.put("active", Boolean.parseBoolean(v));
                } else {
                    json.put("active", value);
                }
            } else if (column.startsWith(CsvUserFile.CUSTOM_PREFIX)) {
                custom.put(column.substring(CsvUserFile.CUSTOM_PREFIX.length()), value);
            } else {
                json.put(column, value);
            }
        });
        if (!custom.isEmpty()) {
            json.set("customAttributes", custom);
        }
        return json;
    }

    private static String describe(InvalidRequestException e) {
        return e.getFieldErrors().stream()
                .map(f -> f.field().replace("customAttributes.", "custom.") + ": " + f.message())
                .collect(Collectors.joining("; "));
    }

    /**
     * An invalid row as stored (bulk_row: action 16, identifier 255, detail 2000 characters): the file's own values are
     * clipped, so an overlong cell makes its row invalid instead of failing the whole file with a database error.
     */
    private static BulkRow invalid(long rowNo, String action, String userName, String reason) {
        return BulkRow.invalid(rowNo, clip(action, 16), clip(userName, 255), clip(reason, 2000));
    }

    static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
