package io.provisioning.entitlements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioning.requests.FieldError;
import io.provisioning.requests.InvalidRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a user's {@code entitlements} from the HTTP API and queue messages ({@code {"<app>": {"profile": …,
 * "permissionSets": […]}}}) and from CSV columns ({@code entitlements.<app>.<kind>}, lists separated by {@code ;}).
 * An unknown application or kind, or a name that cannot be an API name, is a 400 naming it.
 */
public final class EntitlementsParser {
    /** The file columns of entitlements: {@code entitlements.<app>.<kind>}. */
    public static final String COLUMN_PREFIX = "entitlements.";
    // API names: letters, digits, underscores; profile and role names are labels and may hold spaces
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private final Set<String> applications;
    private final Set<String> others;

    /** @param applications the applications that target User (the only ones with entitlements) */
    public EntitlementsParser(Set<String> applications) {
        this(applications, applications);
    }

    /** @param all every application, so one that targets Lead or Contact is named as such */
    public EntitlementsParser(Set<String> applications, java.util.Collection<String> all) {
        this.applications = Set.copyOf(applications);
        this.others = new TreeSet<>(all);
        this.others.removeAll(applications);
    }

    /** The JSON value of {@code entitlements} (null or missing = none). */
    public Map<String, Entitlements> parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Map.of();
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Entitlements> result = new LinkedHashMap<>();
        if (!node.isObject()) {
            errors.add(new FieldError("entitlements", "must be an object keyed by application"));
            throw invalid(errors);
        }
        for (Iterator<Map.Entry<String, JsonNode>> apps = node.fields(); apps.hasNext(); ) {
            Map.Entry<String, JsonNode> app = apps.next();
            String path = "entitlements." + app.getKey();
            if (!applications.contains(app.getKey())) {
                errors.add(new FieldError(
                        path,
                        others.contains(app.getKey())
                                ? "application '" + app.getKey()
                                        + "' does not target User: only Users have entitlements; User applications: "
                                        + known()
                                : "unknown application '" + app.getKey() + "'; known: " + known()));
                continue;
            }
            if (!app.getValue().isObject()) {
                errors.add(new FieldError(path, "must be an object of entitlement kinds"));
                continue;
            }
            Map<EntitlementKind, List<String>> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> kinds = app.getValue().fields(); kinds.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = kinds.next();
                String kindPath = path + "." + entry.getKey();
                EntitlementKind kind = EntitlementKind.byKey(entry.getKey()).orElse(null);
                if (kind == null) {
                    errors.add(new FieldError(
                            kindPath, "unknown entitlement kind '" + entry.getKey() + "'; known: " + kinds()));
                    continue;
                }
                values.put(kind, names(kindPath, kind, entry.getValue(), errors));
            }
            result.put(app.getKey(), build(values));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return result;
    }

    /** CSV columns named {@code entitlements.<app>.<kind>}; other columns are ignored. */
    public Map<String, Entitlements> parseColumns(Map<String, String> row) {
        return parse(columnsAsJson(row));
    }

    /**
     * The {@code entitlements.<app>.<kind>} columns of a file row as the JSON the API takes: lists split at {@code ;},
     * an empty profile or role cell left out (not managed). Unknown applications and kinds are kept for {@link
     * #parse} to name.
     */
    public static ObjectNode columnsAsJson(Map<String, String> row) {
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> column : row.entrySet()) {
            if (!column.getKey().startsWith(COLUMN_PREFIX)) {
                continue;
            }
            String[] parts = column.getKey().substring(COLUMN_PREFIX.length()).split("\\.", 2);
            String value = column.getValue() == null ? "" : column.getValue().trim();
            if (parts.length < 2) {
                all.put(parts[0], value); // not an object: named as such by parse
                continue;
            }
            ObjectNode app = all.has(parts[0]) && all.get(parts[0]).isObject()
                    ? (ObjectNode) all.get(parts[0])
                    : all.putObject(parts[0]);
            EntitlementKind kind = EntitlementKind.byKey(parts[1]).orElse(null);
            if (kind == null || kind.isUserField()) {
                if (!value.isEmpty() || kind == null) {
                    app.put(parts[1], value);
                }
                continue;
            }
            ArrayNode names = app.putArray(parts[1]);
            for (String name : value.split(";")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return all;
    }

    private static List<String> names(String path, EntitlementKind kind, JsonNode value, List<FieldError> errors) {
        List<String> names = new ArrayList<>();
        if (kind.isUserField()) {
            if (!value.isTextual()) {
                errors.add(new FieldError(path, "must be a name (text)"));
            } else {
                check(path, kind, value.asText(), errors).ifPresent(names::add);
            }
            return names;
        }
        if (!value.isArray()) {
            errors.add(new FieldError(path, "must be a list of API names"));
            return names;
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                errors.add(new FieldError(path, "must be a list of API names"));
            } else {
                check(path, kind, item.asText(), errors).ifPresent(names::add);
            }
        }
        return names;
    }

    private static java.util.Optional<String> check(
            String path, EntitlementKind kind, String name, List<FieldError> errors) {
        boolean ok = kind.isUserField()
                ? !name.isBlank() && name.length() <= 80 && name.indexOf('\'') < 0
                : API_NAME.matcher(name).matches();
        if (!ok) {
            errors.add(new FieldError(path, "'" + name + "' is not a valid " + kind.key() + " name"));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(name);
    }

    private static Entitlements build(Map<EntitlementKind, List<String>> values) {
        return Entitlements.of(values);
    }

    private String known() {
        return new TreeSet<>(applications).toString();
    }

    private static String kinds() {
        List<String> keys = new ArrayList<>();
        for (EntitlementKind k : EntitlementKind.values()) {
            keys.add(k.key());
        }
        return keys.toString();
    }

    private static InvalidRequestException invalid(List<FieldError> errors) {
        errors.sort(java.util.Comparator.comparing(FieldError::field));
        return new InvalidRequestException("The entitlements are not valid", errors);
    }
}
