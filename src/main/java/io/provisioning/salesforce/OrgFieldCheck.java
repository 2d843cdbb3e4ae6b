package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.mapping.AttributeMapping;
import io.provisioning.mapping.MappingRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an application's mapping against the org's describe of its sObject, as the integration user sees it (fields
 * its field-level security hides are missing from the describe): every mapped field must exist and be createable, and
 * updateable unless the rule writes it on create only; every field the org requires on create must be mapped or have
 * a default; a constant written to a picklist should be one of its values. Each finding names the mapping file's line.
 */
public final class OrgFieldCheck {

    /** One mapped or required field and what the org says about it; {@code ok} false = a write would fail. */
    public record Finding(String field, String location, boolean ok, String detail) {

        @Override
        public String toString() {
            return location + ": " + field + ": " + detail;
        }
    }

    private static final Pattern KEY = Pattern.compile("^\\s+([A-Za-z][A-Za-z0-9_]*)\\s*:");

    private OrgFieldCheck() {}

    public static List<Finding> check(String sObject, AttributeMapping mapping, Path mappingFile, JsonNode describe) {
        Map<String, JsonNode> fields = new HashMap<>();
        for (JsonNode field : describe.path("fields")) {
            fields.put(field.path("name").asText().toLowerCase(Locale.ROOT), field);
        }
        Map<String, Integer> lines = lines(mappingFile);
        List<Finding> findings = new ArrayList<>();
        Set<String> written = new LinkedHashSet<>();
        for (MappingRule rule : mapping.rules()) {
            written.add(rule.target().toLowerCase(Locale.ROOT));
            findings.add(mapped(
                    sObject,
                    rule.target(),
                    rule.createOnly(),
                    rule.constant(),
                    fields.get(rule.target().toLowerCase(Locale.ROOT)),
                    location(mappingFile, lines, rule.target())));
        }
        for (Map.Entry<String, Object> entry : mapping.createDefaults().entrySet()) {
            if (written.add(entry.getKey().toLowerCase(Locale.ROOT))) {
                findings.add(mapped(
                        sObject,
                        entry.getKey(),
                        true,
                        entry.getValue(),
                        fields.get(entry.getKey().toLowerCase(Locale.ROOT)),
                        location(mappingFile, lines, entry.getKey())));
            }
        }
        for (JsonNode field : describe.path("fields")) {
            String name = field.path("name").asText();
            boolean required = !field.path("nillable").asBoolean(true)
                    && field.path("createable").asBoolean()
                    && !field.path("defaultedOnCreate").asBoolean()
                    && !"boolean".equals(field.path("type").asText());
            if (required && !written.contains(name.toLowerCase(Locale.ROOT))) {
                findings.add(new Finding(
                        name,
                        mappingFile.toString(),
                        false,
                        "the org requires " + sObject + "." + name
                                + " on create, but the mapping does not set it: map it or give it a default"));
            }
        }
        return findings;
    }

    private static Finding mapped(
            String sObject, String target, boolean createOnly, Object constant, JsonNode field, String location) {
        if (field == null) {
            return new Finding(
                    target,
                    location,
                    false,
                    "unknown to the org, or hidden from the integration user by"
                            + " field-level security: check the name, or give the user's permission set access to "
                            + sObject
                            + "." + target);
        }
        boolean createable = field.path("createable").asBoolean();
        boolean updateable = field.path("updateable").asBoolean();
        if (!createable && !updateable) {
            return new Finding(
                    target,
                    location,
                    false,
                    "read-only for the integration user: give its permission set" + " Edit access to " + sObject + "."
                            + target + " (or remove the rule)");
        }
        if (!createable) {
            return new Finding(target, location, false, "the integration user may update but not create it");
        }
        if (!updateable && !createOnly) {
            return new Finding(
                    target,
                    location,
                    false,
                    "createable but not updateable: edits would fail; write it on"
                            + " create only (on: create) or grant Edit access");
        }
        if (constant != null && field.path("picklistValues").size() > 0 && !picklistHas(field, constant.toString())) {
            return new Finding(
                    target,
                    location,
                    true,
                    "createable" + (updateable ? ", updateable" : "") + "; '" + constant
                            + "' is not one of the picklist's values (a restricted picklist refuses it)");
        }
        return new Finding(
                target, location, true, "createable" + (updateable ? ", updateable" : " (written on create only)"));
    }

    private static boolean picklistHas(JsonNode field, String value) {
        for (JsonNode entry : field.path("picklistValues")) {
            if (value.equals(entry.path("value").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String location(Path file, Map<String, Integer> lines, String field) {
        Integer line = lines.get(field.toLowerCase(Locale.ROOT));
        return file + (line == null ? "" : ":" + line);
    }

    /** The line of each field key of the mapping file (first occurrence). */
    private static Map<String, Integer> lines(Path file) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        try {
            List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < text.size(); i++) {
                Matcher m = KEY.matcher(text.get(i));
                if (m.find()) {
                    lines.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), i + 1);
                }
            }
        } catch (IOException e) {
            // no line numbers; the findings still name the file
        }
        return lines;
    }
}
