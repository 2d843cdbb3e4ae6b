package io.provisioning.validation;

import io.provisioning.mapping.TargetFields;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The fields a mapping may write on an sObject, checked without a connection: the standard fields the bundle knows
 * ({@link StandardFields}, case-insensitive, as Salesforce's API names are) and any custom field ({@code __c}), which
 * only the org knows.
 */
public final class SalesforceFields implements TargetFields {

    private final String sObject;
    private final List<StandardFields.Field> fields;
    private final Set<String> orgFields;

    private SalesforceFields(String sObject, List<StandardFields.Field> fields, Set<String> orgFields) {
        this.sObject = sObject;
        this.fields = fields;
        this.orgFields = orgFields.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** The fields of {@code sObject}; an object the bundle does not know accepts every field. */
    public static TargetFields of(String sObject) {
        return of(sObject, Set.of());
    }

    /**
     * The fields of {@code sObject} plus {@code orgFields}, fields the org has that the bundle's list lacks
     * ({@code provisioning.application.<name>.org-fields}).
     */
    public static TargetFields of(String sObject, Set<String> orgFields) {
        return StandardFields.of(sObject)
                .<TargetFields>map(f -> new SalesforceFields(sObject, f, orgFields))
                .orElse(TargetFields.ANY);
    }

    @Override
    public Optional<String> refusal(String field) {
        if (field.endsWith("__c") || orgFields.contains(field.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Optional<StandardFields.Field> known = fields.stream()
                .filter(f -> f.name().toLowerCase(Locale.ROOT).equals(field.toLowerCase(Locale.ROOT)))
                .findFirst();
        if (known.isEmpty()) {
            Set<String> writable = fields.stream()
                    .filter(StandardFields.Field::writable)
                    .map(StandardFields.Field::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            String[] nearest = NearestNames.nearest(writable, field);
            return Optional.of("unknown " + sObject + " field '" + field + "' (custom fields end in __c; list other"
                    + " fields of the org in provisioning.application.<name>.org-fields); "
                    + (nearest.length > 0 ? "did you mean '" + nearest[0] + "'?" : "known fields: " + writable));
        }
        return known.get().writable()
                ? Optional.empty()
                : Optional.of(sObject + " field '" + known.get().name() + "' is read-only");
    }
}
