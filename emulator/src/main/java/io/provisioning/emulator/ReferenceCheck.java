package io.provisioning.emulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reference fields must name a live record of the type they point to: an unknown, deleted or other-type id answers
 * INVALID_CROSS_REFERENCE_KEY naming the field, as a real org does (e.g. another org's ProfileId).
 */
final class ReferenceCheck {
    // UNCERTAIN: whether a real org fills "fields"; the message is the one Salesforce sends
    static final String MESSAGE = "invalid cross reference id";

    private ReferenceCheck() {}

    /** Checks the reference fields this write sets ({@code changed}); ids are already well-formed (validator). */
    static void check(
            SchemaRegistry schemas,
            OrgStore store,
            ObjectSchema schema,
            Map<String, Object> record,
            Set<String> changed) {
        for (String name : changed) {
            FieldDef f = schema.field(name);
            Object value = record.get(f.name());
            if (f.type() != FieldType.REFERENCE || f.referencePrefix() == null || value == null) {
                continue;
            }
            String id = value.toString();
            Map<String, Object> target = store.get(id);
            ObjectSchema targetType = schemas.byKeyPrefix(id);
            if (target == null
                    || targetType == null
                    || !targetType.name().equals(store.typeOf(id))
                    || Boolean.TRUE.equals(target.get("IsDeleted"))) {
                throw new ApiException(400, ApiError.of("INVALID_CROSS_REFERENCE_KEY", MESSAGE, List.of(f.name())));
            }
        }
    }
}
