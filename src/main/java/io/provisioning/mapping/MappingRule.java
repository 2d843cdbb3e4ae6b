package io.provisioning.mapping;

import io.provisioning.directory.User;
import java.util.Locale;

/**
 * Sets one Salesforce field: from a directory attribute ({@code source}), a {@code constant} or an
 * {@code expression}, with a {@code defaultValue} when that is empty, optionally lower- or upper-cased and truncated
 * to {@code maxLength}, on every write or only when the record is created.
 */
public record MappingRule(
        String target,
        String source,
        Object constant,
        MappingTemplate expression,
        Object defaultValue,
        boolean createOnly,
        Integer maxLength,
        String letterCase) {

    public static MappingRule direct(String target, String source) {
        return new MappingRule(target, source, null, null, null, false, null, null);
    }

    public Object valueFor(User user) {
        Object value = source != null
                ? user.attribute(source)
                : expression != null ? expression.render(user::attribute) : constant;
        if (value == null || (value instanceof String s && s.isBlank())) {
            value = defaultValue;
        }
        if (value instanceof String s && letterCase != null) {
            value = letterCase.equals("lower") ? s.toLowerCase(Locale.ROOT) : s.toUpperCase(Locale.ROOT);
        }
        if (maxLength != null && value instanceof String s && s.length() > maxLength) {
            value = s.substring(0, maxLength);
        }
        return value;
    }
}
