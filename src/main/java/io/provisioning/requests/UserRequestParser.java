package io.provisioning.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.directory.NewUser;
import io.provisioning.directory.UserPatch;
import io.provisioning.entitlements.Entitlements;
import io.provisioning.entitlements.EntitlementsParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@code POST /api/users} JSON body into a {@link NewUser}, or rejects it with every field error at once:
 * malformed JSON, unknown fields, wrong types, missing required fields (configurable), bad e-mail, too long values.
 */
public class UserRequestParser {

    /** The profile fields and their maximum lengths. */
    static final Map<String, Integer> PROFILE_FIELDS =
            Map.of("userName", 255, "email", 320, "firstName", 255, "lastName", 255, "company", 255);

    static final String CUSTOM_ATTRIBUTES = "customAttributes";
    static final String ACTIVE = "active";
    private static final int MAX_CUSTOM_ATTRIBUTES = 100;
    private static final int MAX_CUSTOM_VALUE_LENGTH = 2000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern CUSTOM_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,63}$");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    static final String ENTITLEMENTS = "entitlements";
    private final Set<String> requiredFields;
    private final EntitlementsParser entitlements;

    /** A parser for which no application has entitlements (every {@code entitlements} application is unknown). */
    public UserRequestParser(Set<String> requiredFields) {
        this(requiredFields, new EntitlementsParser(Set.of()));
    }

    public UserRequestParser(Set<String> requiredFields, EntitlementsParser entitlements) {
        this.entitlements = entitlements;
        for (String field : requiredFields) {
            if (!PROFILE_FIELDS.containsKey(field)) {
                throw new IllegalArgumentException(
                        "Unknown required profile field '" + field + "', expected one of " + PROFILE_FIELDS.keySet());
            }
        }
        this.requiredFields = Set.copyOf(requiredFields);
    }

    /** A new user ({@code POST}): required fields must be present. */
    public NewUser parse(String body) {
        return parse(readObject(body));
    }

    /** A new user from an already parsed JSON object (e.g. a file row or a queue message's {@code user}). */
    public NewUser parse(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        checkNames(root, false, errors);
        Map<String, String> values = profile(root, true, errors);
        Map<String, Object> custom = customAttributes(root.get(CUSTOM_ATTRIBUTES), errors);
        Map<String, Entitlements> given = entitlements(root, errors);
        throwIfAny(errors);
        return new NewUser(
                values.get("userName"),
                values.get("email"),
                values.get("firstName"),
                values.get("lastName"),
                values.get("company"),
                withoutNulls(custom),
                given);
    }

    /**
     * A change to a user: {@code replace} ({@code PUT}) takes the whole profile, so required fields must be
     * present and absent ones are cleared; otherwise ({@code PATCH}) only the fields given change, and a required
     * field cannot be cleared. Both accept {@code active}.
     */
    public UserPatch parseChange(String body, boolean replace) {
        return parseChange(readObject(body), replace);
    }

    /** A change from an already parsed JSON object. */
    public UserPatch parseChange(JsonNode root, boolean replace) {
        List<FieldError> errors = new ArrayList<>();
        checkNames(root, true, errors);
        Map<String, String> values = profile(root, replace, errors);
        Map<String, String> profile = new LinkedHashMap<>();
        for (String field : PROFILE_FIELDS.keySet()) {
            if (replace || root.has(field)) {
                profile.put(field, values.get(field));
            }
        }
        Map<String, Object> custom = customAttributes(root.get(CUSTOM_ATTRIBUTES), errors);
        Boolean active = null;
        JsonNode activeNode = root.get(ACTIVE);
        if (activeNode != null && !activeNode.isNull()) {
            if (activeNode.isBoolean()) {
                active = activeNode.booleanValue();
            } else {
                errors.add(new FieldError(ACTIVE, "must be true or false"));
            }
        }
        Map<String, Entitlements> given = entitlements(root, errors);
        throwIfAny(errors);
        return new UserPatch(profile, replace && custom == null ? Map.of() : custom, replace, active, given);
    }

    /** Issue 20: {@code entitlements} per application (absent: unchanged); its errors join the others. */
    private Map<String, Entitlements> entitlements(JsonNode root, List<FieldError> errors) {
        try {
            return entitlements.parse(root.get(ENTITLEMENTS));
        } catch (InvalidRequestException e) {
            errors.addAll(e.getFieldErrors());
            return Map.of();
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> custom) {
        Map<String, Object> present = new LinkedHashMap<>();
        if (custom != null) {
            custom.forEach((k, v) -> {
                if (v != null) {
                    present.put(k, v);
                }
            });
        }
        return present;
    }

    private static void checkNames(JsonNode root, boolean activeAllowed, List<FieldError> errors) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            boolean known = PROFILE_FIELDS.containsKey(name)
                    || CUSTOM_ATTRIBUTES.equals(name)
                    || ENTITLEMENTS.equals(name)
                    || (activeAllowed && ACTIVE.equals(name));
            if (!known) {
                errors.add(new FieldError(name, "unknown field"));
            }
        }
    }

    /**
     * The profile fields present in the body; a required field must be present when {@code complete}, and non-blank if
     * given.
     */
    private Map<String, String> profile(JsonNode root, boolean complete, List<FieldError> errors) {
        Map<String, String> values = new LinkedHashMap<>();
        PROFILE_FIELDS.forEach((field, maxLength) -> {
            String value = text(root, field, maxLength, errors);
            if (value != null) {
                values.put(field, value);
            } else if (requiredFields.contains(field) && (complete || root.has(field)) && !hasError(errors, field)) {
                errors.add(new FieldError(field, "is required"));
            }
        });
        String email = values.get("email");
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "is not a valid e-mail address"));
        }
        return values;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(FieldError::field));
            throw new InvalidRequestException("The user is not valid", errors);
        }
    }

    private static JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException(
                    "The request body is empty; a JSON object is expected",
                    List.of(new FieldError("$", "is required")));
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(
                    "The request body is not valid JSON",
                    List.of(new FieldError("$", "malformed JSON: " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(
                    "The request body must be a JSON object", List.of(new FieldError("$", "must be a JSON object")));
        }
        return root;
    }

    private static String text(JsonNode root, String field, int maxLength, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = node.textValue().trim();
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    private static boolean hasError(List<FieldError> errors, String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    private static Map<String, Object> customAttributes(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, Object> custom = new LinkedHashMap<>();
        if (!node.isObject()) {
            errors.add(new FieldError(CUSTOM_ATTRIBUTES, "must be a JSON object"));
            return custom;
        }
        if (node.size() > MAX_CUSTOM_ATTRIBUTES) {
            errors.add(new FieldError(CUSTOM_ATTRIBUTES, "must have at most " + MAX_CUSTOM_ATTRIBUTES + " attributes"));
            return custom;
        }
        node.fields().forEachRemaining(entry -> {
            String path = CUSTOM_ATTRIBUTES + "." + entry.getKey();
            JsonNode value = entry.getValue();
            if (!CUSTOM_NAME.matcher(entry.getKey()).matches()) {
                errors.add(new FieldError(path, "name must start with a letter and use only letters, digits and _"));
            } else if (PROFILE_FIELDS.containsKey(entry.getKey())) {
                errors.add(new FieldError(path, "clashes with the profile field of the same name"));
            } else if (value.isTextual() && value.textValue().length() > MAX_CUSTOM_VALUE_LENGTH) {
                errors.add(new FieldError(path, "must be at most " + MAX_CUSTOM_VALUE_LENGTH + " characters"));
            } else if (value.isTextual() || value.isBoolean()) {
                custom.put(entry.getKey(), value.isTextual() ? value.textValue() : value.booleanValue());
            } else if (value.isNumber()) {
                custom.put(entry.getKey(), value.numberValue());
            } else if (value.isNull()) {
                custom.put(entry.getKey(), null); // PATCH: remove the attribute
            } else {
                errors.add(new FieldError(path, "must be a string, number or boolean"));
            }
        });
        return custom;
    }
}
