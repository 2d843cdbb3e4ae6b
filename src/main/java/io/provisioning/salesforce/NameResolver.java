package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.mapping.NameReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns records named in a mapping ({@link NameReference}: object + name field + value [+ SOQL filter]) into the ids of
 * the application's org, with one SOQL query per name, cached. A name that is not found is not cached (it may be
 * created in Setup meanwhile); {@link #invalidate} drops an application's entries when the org refuses an id
 * (INVALID_CROSS_REFERENCE_KEY: the record was deleted or the org refreshed). Profiles and roles use it; so can
 * permission sets.
 */
public final class NameResolver {

    /** Runs a SOQL query in an application's org and returns its records. */
    @FunctionalInterface
    public interface Soql {
        List<JsonNode> records(String application, String soql) throws Exception;
    }

    /** The named record does not exist (or several do) in the application's org. */
    public static final class UnresolvedNameException extends Exception {
        public static final String CODE = "REFERENCE_NOT_FOUND";

        UnresolvedNameException(String message) {
            super(message);
        }
    }

    private record Key(String application, NameReference reference) {}

    private final Soql soql;
    private final Map<Key, String> cache = new ConcurrentHashMap<>();
    private final Map<Key, Object> lookups = new ConcurrentHashMap<>();

    public NameResolver(Soql soql) {
        this.soql = soql;
    }

    /** The id of the named record in the application's org. */
    public String resolve(String application, NameReference reference) throws Exception {
        Key key = new Key(application, reference);
        String cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        // parallel batches asking for the same name wait for one query instead of each sending their own
        synchronized (lookups.computeIfAbsent(key, k -> new Object())) {
            cached = cache.get(key);
            return cached != null ? cached : lookUp(application, reference, key);
        }
    }

    private String lookUp(String application, NameReference reference, Key key) throws Exception {
        List<String> ids = soql.records(application, query(reference)).stream()
                .map(r -> r.path("Id").asText())
                .toList();
        if (ids.size() != 1) {
            throw new UnresolvedNameException(
                    (ids.isEmpty() ? "no " : ids.size() + " records of ") + reference.sObject()
                            + " with " + reference.field() + " = '" + reference.name() + "'"
                            + (reference.filter().isBlank() ? "" : " and " + reference.filter()) + " in the org of "
                            + application + (ids.isEmpty() ? ": check the name in the mapping's defaults" : ""));
        }
        cache.put(key, ids.get(0));
        return ids.get(0);
    }

    /** The fields with every {@link NameReference} replaced by its id; the field named in the failure. */
    public Map<String, Object> resolveAll(String application, Map<String, Object> fields) throws Exception {
        Map<String, Object> resolved = new LinkedHashMap<>(fields);
        for (Map.Entry<String, Object> entry : fields.entrySet()) {
            if (entry.getValue() instanceof NameReference reference) {
                try {
                    resolved.put(entry.getKey(), resolve(application, reference));
                } catch (UnresolvedNameException e) {
                    throw new UnresolvedNameException(entry.getKey() + ": " + e.getMessage());
                }
            }
        }
        return resolved;
    }

    /** The queries it runs, for others that read the org the same way. */
    Soql soql() {
        return soql;
    }

    /** Forgets the application's ids (the org refused one). */
    public void invalidate(String application) {
        cache.keySet().removeIf(k -> k.application().equals(application));
    }

    static String query(NameReference reference) {
        return "SELECT Id FROM " + reference.sObject() + " WHERE " + reference.field() + " = '"
                + reference.name().replace("\\", "\\\\").replace("'", "\\'") + "'"
                + (reference.filter().isBlank() ? "" : " AND (" + reference.filter() + ")") + " LIMIT 2";
    }
}
