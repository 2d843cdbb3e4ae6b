package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Pairs in-doubt creates with the records an earlier attempt may have made (the answer of {@link InDoubtQuery}):
 * a record matches an item when it was created by the integration user and each match field holds the item's value
 * (case-insensitive, as Salesforce compares text). One match: adopt it. None: the earlier attempt was not applied,
 * create. Several, or one record matching several items: ambiguous, nothing is created.
 */
final class InDoubtResolver {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to do with one in-doubt create. */
    enum Kind {
        CREATE,
        ADOPT,
        AMBIGUOUS
    }

    /**
     * @param recordId the record to adopt
     * @param candidates the matching record ids when ambiguous
     * @param synced the adopted record's values of the planned fields (what it holds, not what was meant)
     */
    record Resolution(Kind kind, String recordId, List<String> candidates, Map<String, Object> synced) {

        static Resolution create() {
            return new Resolution(Kind.CREATE, null, List.of(), null);
        }

        /** An ambiguous match as a failure that is never retried: only a person can tell which record is the user's. */
        SalesforceFailure failure() {
            return new SalesforceFailure(false, 0, "AMBIGUOUS_MATCH", ambiguity());
        }

        String ambiguity() {
            return candidates.size() + " records in Salesforce match this in-doubt create (or match other users of"
                    + " the batch too); none was adopted and nothing was created: " + String.join(", ", candidates);
        }
    }

    /** An in-doubt item: its outbox id, the user it is for, and its planned create body. */
    record Item(long id, String userId, Map<String, Object> body) {}

    private InDoubtResolver() {}

    /**
     * @param records the query's {@code records}
     * @param createdBy the integration user's id (15 or 18 characters), or null when unknown
     * @param linkedTo user id of each candidate already linked to a directory user of this application
     * @return a resolution per item id
     */
    static Map<Long, Resolution> resolve(
            List<Item> items,
            JsonNode records,
            List<String> matchFields,
            String createdBy,
            Map<String, String> linkedTo) {
        Map<Long, List<JsonNode>> matches = new LinkedHashMap<>();
        Map<String, Integer> claims = new HashMap<>();
        for (Item item : items) {
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode record : records) {
                String id = record.path("Id").asText();
                String owner = linkedTo.get(id);
                if (sameId(record.path("CreatedById").asText(null), createdBy)
                        && (owner == null || owner.equals(item.userId()))
                        && matchFields.stream()
                                .allMatch(f ->
                                        sameValue(record.get(f), item.body().get(f)))) {
                    found.add(record);
                    claims.merge(id, 1, Integer::sum);
                }
            }
            matches.put(item.id(), found);
        }
        Map<Long, Resolution> resolutions = new LinkedHashMap<>();
        for (Item item : items) {
            List<JsonNode> found = matches.get(item.id());
            List<String> ids = found.stream().map(r -> r.path("Id").asText()).toList();
            boolean shared = ids.stream().anyMatch(id -> claims.get(id) > 1);
            if (found.isEmpty()) {
                resolutions.put(item.id(), Resolution.create());
            } else if (found.size() == 1 && !shared) {
                resolutions.put(
                        item.id(), new Resolution(Kind.ADOPT, ids.get(0), ids, values(found.get(0), item.body())));
            } else {
                resolutions.put(item.id(), new Resolution(Kind.AMBIGUOUS, null, ids, null));
            }
        }
        return resolutions;
    }

    /** The integration user's id from the login's identity URL ({@code …/id/<org id>/<user id>}). */
    static String userIdFromIdentityUrl(String identityUrl) {
        if (identityUrl == null || identityUrl.isBlank()) {
            return null;
        }
        String trimmed = identityUrl.endsWith("/") ? identityUrl.substring(0, identityUrl.length() - 1) : identityUrl;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static boolean sameId(String a, String b) {
        if (b == null) {
            return true; // not known: the time window and the match fields decide
        }
        return a != null
                && a.length() >= 15
                && b.length() >= 15
                && a.substring(0, 15).equals(b.substring(0, 15));
    }

    private static boolean sameValue(JsonNode recorded, Object planned) {
        String value = recorded == null || recorded.isNull() ? null : recorded.asText();
        String wanted = planned == null ? null : planned.toString();
        if (value == null || wanted == null) {
            return Objects.equals(value, wanted);
        }
        return value.trim().toLowerCase(Locale.ROOT).equals(wanted.trim().toLowerCase(Locale.ROOT));
    }

    private static Map<String, Object> values(JsonNode record, Map<String, Object> body) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String field : body.keySet()) {
            JsonNode value = record.get(field);
            values.put(field, value == null || value.isNull() ? null : JSON.convertValue(value, Object.class));
        }
        return values;
    }
}
