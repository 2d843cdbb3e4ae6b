package io.provisioning.entitlements;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.requests.FieldError;
import io.provisioning.requests.InvalidRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    // API names: letters, digits, underscores; profile and role names are labels and may hold spaces
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private final Set<String> applications;

    public EntitlementsParser(Set<String> applications) {
        this.applications = Set.copyOf(applications);
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
                errors.add(new FieldError(path, "unknown application '" + app.getKey() + "'; known: " + known()));
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
        List<FieldError> errors = new ArrayList<>();
        Map<String, Map<EntitlementKind, List<String>>> byApp = new LinkedHashMap<>();
        for (Map.Entry<String, String> column : row.entrySet()) {
            if (!column.getKey().startsWith("entitlements.")) {
                continue;
            }
            String[] parts = column.getKey().split("\\.", 3);
            if (parts.length != 3 || !applications.contains(parts[1])) {
                errors.add(new FieldError(
                        column.getKey(),
                        "unknown application '" + (parts.length > 1 ? parts[1] : "") + "'; known: " + known()));
                continue;
            }
            EntitlementKind kind = EntitlementKind.byKey(parts[2]).orElse(null);
            if (kind == null) {
                errors.add(new FieldError(
                        column.getKey(), "unknown entitlement kind '" + parts[2] + "'; known: " + kinds()));
                continue;
            }
            String value = column.getValue() == null ? "" : column.getValue().trim();
            List<String> names = new ArrayList<>();
            for (String name : value.isEmpty() ? new String[0] : value.split(";")) {
                check(column.getKey(), kind, name.trim(), errors).ifPresent(names::add);
            }
            byApp.computeIfAbsent(parts[1], a -> new LinkedHashMap<>()).put(kind, names);
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Map<String, Entitlements> result = new LinkedHashMap<>();
        byApp.forEach((app, values) -> result.put(app, build(values)));
        return result;
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
        return new Entitlements(
                first(values.get(EntitlementKind.PROFILE)),
                first(values.get(EntitlementKind.ROLE)),
                new LinkedHashSet<>(values.getOrDefault(EntitlementKind.PERMISSION_SET, List.of())),
                new LinkedHashSet<>(values.getOrDefault(EntitlementKind.PERMISSION_SET_GROUP, List.of())),
                new LinkedHashSet<>(values.getOrDefault(EntitlementKind.PUBLIC_GROUP, List.of())));
    }

    private static String first(List<String> names) {
        return names == null || names.isEmpty() ? null : names.get(0);
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
