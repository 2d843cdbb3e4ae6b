package io.provisioning.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.provisioning.directory.User;

/** The attribute mapping of one application: directory user → Salesforce record fields. */
public record AttributeMapping(String application, List<MappingRule> rules) {

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
        return record;
    }
}
