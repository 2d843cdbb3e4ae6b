package io.provisioning.entitlements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sObject-collection calls for many users' plans: inserts of PermissionSetAssignment and GroupMember records
 * and deletes of the bundle's own, at most {@link #COLLECTION_SIZE} records per call, mixed kinds in one insert
 * (a collection may hold several sObject types). 10,000 users with 3 new permission sets each = 150 calls.
 */
public final class GrantBatches {
    public static final int COLLECTION_SIZE = 200;

    /** One insert: the user's Salesforce id, what is granted and the resolved id of the granted record. */
    public record Insert(String userKey, String salesforceUserId, Grant grant, String grantedId) {
        /** The record as camel-salesforce's raw collection call sends it. */
        public Map<String, Object> record() {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("attributes", Map.of("type", grant.kind().grantObject()));
            record.put(grant.kind().assigneeField(), salesforceUserId);
            record.put(grant.kind().grantField(), grantedId);
            return record;
        }
    }

    /** One delete of a grant the bundle made. */
    public record Delete(String userKey, AppliedGrant applied) {}

    private GrantBatches() {}

    public static List<List<Insert>> inserts(List<Insert> inserts) {
        return chunks(inserts);
    }

    public static List<List<Delete>> deletes(List<Delete> deletes) {
        return chunks(deletes);
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += COLLECTION_SIZE) {
            chunks.add(List.copyOf(all.subList(i, Math.min(all.size(), i + COLLECTION_SIZE))));
        }
        return chunks;
    }
}
