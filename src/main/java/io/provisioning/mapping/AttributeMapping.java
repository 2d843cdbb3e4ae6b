package io.provisioning.mapping;

import io.provisioning.directory.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attribute mapping of one application: directory user → Salesforce record fields, plus create defaults for
 * required fields the rules leave empty (e.g. a Salesforce User's ProfileId, TimeZoneSidKey): a value, or a
 * {@link NameReference} that the write resolves to the org's id.
 */
public record AttributeMapping(String application, List<MappingRule> rules, Map<String, Object> createDefaults) {

    public AttributeMapping(String application, List<MappingRule> rules) {
        this(application, rules, Map.of());
    }

    /** The Salesforce fields the mapping writes. */
    public List<String> targets() {
        return rules.stream().map(MappingRule::target).toList();
    }

    /**
     * Salesforce field → directory attribute, for the rules that copy an attribute (the ones an import reverses).
     * Where several fields copy the same attribute, the first rule is the one read back.
     */
    public Map<String, String> reversible() {
        Map<String, String> fields = new LinkedHashMap<>();
        java.util.Set<String> attributes = new java.util.HashSet<>();
        rules.stream()
                .filter(r -> r.source() != null && attributes.add(r.source()))
                .forEach(r -> fields.put(r.target(), r.source()));
        return fields;
    }

    /** The record fields for a create ({@code creating}) or an update, with empty values left out on create. */
    public Map<String, Object> apply(User user, boolean creating) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (MappingRule rule : rules) {
            if (rule.createOnly() && !creating) {
                continue;
            }
            Object value = rule.valueFor(user);
            if (value != null || !creating) {
                record.put(rule.target(), value);
            }
        }
        if (creating) {
            createDefaults.forEach(record::putIfAbsent);
        }
        return record;
    }
}
