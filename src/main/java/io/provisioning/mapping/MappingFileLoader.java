package io.provisioning.mapping;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a mapping file. Format:
 *
 * <pre>
 * fields:
 *   LastName: lastName                 # shorthand for source
 *   LeadSource: { constant: Provisioning, on: create }
 *   Company: { source: company, default: "Unknown", maxLength: 255 }
 *   Alias: { expression: "${firstName:0:1}${lastName}", case: lower, maxLength: 8 }
 * defaults:                            # create only, for fields the rules leave empty
 *   TimeZoneSidKey: America/Los_Angeles
 *   ProfileId: { lookup: Profile, name: Standard User }   # the org's id of that record ({@link NameReference})
 * </pre>
 *
 * Every mistake is reported with the file, the line and the reason, so a bad file stops the bundle at start-up.
 */
public final class MappingFileLoader {

    private static final Set<String> RULE_KEYS =
            Set.of("source", "constant", "expression", "default", "on", "maxLength", "case");
    private static final Set<String> LOOKUP_KEYS = Set.of("lookup", "name", "field", "filter");
    private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");

    private MappingFileLoader() {}

    public static AttributeMapping load(String application, Path file) {
        return load(application, file, TargetFields.ANY);
    }

    /** Reads the file and also refuses fields that {@code allowed} does not accept. */
    public static AttributeMapping load(String application, Path file, TargetFields allowed) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new MappingFileException(name, 0, "mapping file not found");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(application, name, reader, allowed);
        } catch (IOException e) {
            throw new MappingFileException(name, 0, "cannot be read: " + e.getMessage());
        }
    }

    static AttributeMapping parse(String application, String name, Reader reader) {
        return parse(application, name, reader, TargetFields.ANY);
    }

    static AttributeMapping parse(String application, String name, Reader reader, TargetFields allowed) {
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(name).build();
            Optional<Node> node = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, reader)))
                    .getSingleNode();
            root = node.orElseThrow(() -> new MappingFileException(name, 0, "file is empty"));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new MappingFileException(name, line, "not valid YAML: " + e.getProblem());
        }
        MappingNode top = mapping(name, root, "the file must be a YAML mapping with a 'fields' key");
        Node fields = null;
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (NodeTuple tuple : top.getValue()) {
            String key = scalar(name, tuple.getKeyNode(), "keys must be plain words");
            if (key.equals("fields")) {
                fields = tuple.getValueNode();
            } else if (key.equals("defaults")) {
                for (NodeTuple entry : mapping(
                                name, tuple.getValueNode(), "'defaults' must map Salesforce field names to values")
                        .getValue()) {
                    String field = scalar(name, entry.getKeyNode(), "a Salesforce field name is expected");
                    checkField(name, field, entry.getKeyNode(), allowed);
                    defaults.put(field, defaultValue(name, field, entry.getValueNode()));
                }
            } else {
                throw new MappingFileException(
                        name, line(tuple.getKeyNode()), "unknown key '" + key + "', expected 'fields' or 'defaults'");
            }
        }
        if (fields == null) {
            throw new MappingFileException(name, line(root), "missing 'fields'");
        }
        List<MappingRule> rules = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (NodeTuple tuple : mapping(name, fields, "'fields' must map Salesforce field names to rules")
                .getValue()) {
            String target = scalar(name, tuple.getKeyNode(), "a Salesforce field name is expected");
            checkField(name, target, tuple.getKeyNode(), allowed);
            if (!targets.add(target)) {
                throw new MappingFileException(
                        name, line(tuple.getKeyNode()), "field '" + target + "' is mapped twice");
            }
            rules.add(rule(name, target, tuple.getValueNode()));
        }
        if (rules.isEmpty()) {
            throw new MappingFileException(name, line(fields), "'fields' is empty: map at least one field");
        }
        return new AttributeMapping(application, List.copyOf(rules), Map.copyOf(defaults));
    }

    /** A default: a value, or a record named by {@code lookup} (object) and {@code name} (+ {@code field, filter}). */
    private static Object defaultValue(String name, String field, Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping(
                        name, node, "the default of '" + field + "' must be a value or { lookup: Object, name: … }")
                .getValue()) {
            String key = scalar(name, tuple.getKeyNode(), "keys must be plain words");
            if (!LOOKUP_KEYS.contains(key)) {
                throw new MappingFileException(
                        name,
                        line(tuple.getKeyNode()),
                        "unknown key '" + key + "' in the default of '" + field + "', expected one of "
                                + new java.util.TreeSet<>(LOOKUP_KEYS));
            }
            keys.put(key, scalar(name, tuple.getValueNode(), "value of '" + key + "' must be a single value"));
        }
        String object = keys.get("lookup");
        String value = keys.get("name");
        if (object == null
                || value == null
                || value.isBlank()
                || !FIELD_NAME.matcher(object).matches()) {
            throw new MappingFileException(
                    name, line(node), "the default of '" + field + "' needs 'lookup' (an sObject) and 'name'");
        }
        String nameField = keys.getOrDefault("field", "Name");
        if (!FIELD_NAME.matcher(nameField).matches()) {
            throw new MappingFileException(name, line(node), "'field' must be a field name, got '" + nameField + "'");
        }
        return new NameReference(object, nameField, value, keys.getOrDefault("filter", ""));
    }

    private static MappingRule rule(String name, String target, Node node) {
        if (node instanceof ScalarNode scalar) {
            return MappingRule.direct(target, scalar.getValue());
        }
        String source = null;
        Object constant = null;
        MappingTemplate expression = null;
        String letterCase = null;
        Object defaultValue = null;
        boolean createOnly = false;
        Integer maxLength = null;
        for (NodeTuple tuple : mapping(name, node, "rule for '" + target + "' must be an attribute name or a mapping")
                .getValue()) {
            String key = scalar(name, tuple.getKeyNode(), "keys must be plain words");
            int line = line(tuple.getKeyNode());
            if (!RULE_KEYS.contains(key)) {
                throw new MappingFileException(
                        name,
                        line,
                        "unknown key '" + key + "' in rule for '" + target + "', expected one of "
                                + new java.util.TreeSet<>(RULE_KEYS));
            }
            String value = scalar(name, tuple.getValueNode(), "value of '" + key + "' must be a single value");
            switch (key) {
                case "source" -> source = value;
                case "constant" -> constant = value;
                case "default" -> defaultValue = value;
                case "expression" -> {
                    try {
                        expression = MappingTemplate.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new MappingFileException(
                                name, line, "bad expression for '" + target + "': " + e.getMessage());
                    }
                }
                case "case" -> {
                    if (!value.equals("lower") && !value.equals("upper")) {
                        throw new MappingFileException(
                                name, line, "'case' must be 'lower' or 'upper', got '" + value + "'");
                    }
                    letterCase = value;
                }
                case "on" -> {
                    if (!value.equals("create") && !value.equals("always")) {
                        throw new MappingFileException(
                                name, line, "'on' must be 'create' or 'always', got '" + value + "'");
                    }
                    createOnly = value.equals("create");
                }
                default -> {
                    try {
                        maxLength = Integer.valueOf(value);
                    } catch (NumberFormatException e) {
                        maxLength = -1;
                    }
                    if (maxLength < 1) {
                        throw new MappingFileException(
                                name, line, "'maxLength' must be a positive number, got '" + value + "'");
                    }
                }
            }
        }
        int kinds = (source == null ? 0 : 1) + (constant == null ? 0 : 1) + (expression == null ? 0 : 1);
        if (kinds != 1) {
            throw new MappingFileException(
                    name,
                    line(node),
                    "rule for '" + target + "' needs exactly one of 'source', 'constant' or 'expression'");
        }
        return new MappingRule(target, source, constant, expression, defaultValue, createOnly, maxLength, letterCase);
    }

    private static void checkField(String name, String field, Node key, TargetFields allowed) {
        if (!FIELD_NAME.matcher(field).matches()) {
            throw new MappingFileException(name, line(key), "'" + field + "' is not a Salesforce field name");
        }
        allowed.refusal(field).ifPresent(reason -> {
            throw new MappingFileException(name, line(key), reason);
        });
    }

    private static MappingNode mapping(String name, Node node, String reason) {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw new MappingFileException(name, line(node), reason);
    }

    private static String scalar(String name, Node node, String reason) {
        if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
            return scalar.getValue().trim();
        }
        throw new MappingFileException(name, line(node), reason);
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
