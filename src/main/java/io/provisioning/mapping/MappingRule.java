package io.provisioning.mapping;

import io.provisioning.directory.User;

/**
 * Sets one Salesforce field: from a directory attribute ({@code source}) or a {@code constant}, with a
 * {@code defaultValue} when the source is empty, optionally truncated to {@code maxLength}, on every write or only
 * when the record is created.
 */
public record MappingRule(String target, String source, Object constant, Object defaultValue, boolean createOnly,
        Integer maxLength) {

    public Object valueFor(User user) {
        Object value = source != null ? user.attribute(source) : constant;
        if (value == null || (value instanceof String s && s.isBlank())) {
            value = defaultValue;
        }
        if (maxLength != null && value instanceof String s && s.length() > maxLength) {
            value = s.substring(0, maxLength);
        }
        return value;
    }
}
