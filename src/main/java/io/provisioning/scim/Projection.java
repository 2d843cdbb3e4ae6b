package io.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attributes} / {@code excludedAttributes} (RFC 7644 §3.4.2.5): which attributes a response carries.
 * {@code id}, {@code schemas} and {@code meta} are always returned.
 */
final class Projection {

    private final List<AttrPath> attributes;
    private final List<AttrPath> excluded;

    private Projection(List<AttrPath> attributes, List<AttrPath> excluded) {
        this.attributes = attributes;
        this.excluded = excluded;
    }

    public static Projection of(String attributes, String excludedAttributes) {
        return new Projection(paths(attributes), paths(excludedAttributes));
    }

    /** Whether the response leaves out {@code attribute} (a core attribute), e.g. a group's members. */
    public boolean excludes(String attribute) {
        boolean listed = attributes.stream()
                .anyMatch(p -> p.schema() == null && p.attribute().equalsIgnoreCase(attribute));
        return (!attributes.isEmpty() && !listed)
                || excluded.stream()
                        .anyMatch(p -> p.schema() == null
                                && p.attribute().equalsIgnoreCase(attribute)
                                && p.subAttribute() == null);
    }

    public ObjectNode apply(ObjectNode resource) {
        if (attributes.isEmpty() && excluded.isEmpty()) {
            return resource;
        }
        ObjectNode result;
        if (!attributes.isEmpty()) {
            result = ScimSchemas.object();
            for (String always : List.of("schemas", "id", "meta")) {
                if (resource.has(always)) {
                    result.set(always, resource.get(always));
                }
            }
            for (AttrPath path : attributes) {
                copy(resource, result, path);
            }
        } else {
            result = resource.deepCopy();
        }
        for (AttrPath path : excluded) {
            ObjectNode container = container(result, path.schema());
            if (container == null
                    || List.of("id", "schemas", "meta")
                            .contains(path.attribute().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            String key = ScimJson.key(container, path.attribute());
            if (key == null) {
                continue;
            }
            if (path.subAttribute() == null) {
                container.remove(key);
            } else if (container.get(key).isObject()) {
                ((ObjectNode) container.get(key)).remove(ScimJson.key(container.get(key), path.subAttribute()));
            }
        }
        return result;
    }

    private static void copy(ObjectNode from, ObjectNode to, AttrPath path) {
        ObjectNode source = container(from, path.schema());
        if (source == null) {
            return;
        }
        String key = ScimJson.key(source, path.attribute());
        if (key == null) {
            return;
        }
        ObjectNode target = path.schema() == null
                ? to
                : to.has(path.schema()) ? (ObjectNode) to.get(path.schema()) : to.putObject(path.schema());
        JsonNode value = source.get(key);
        if (path.subAttribute() == null || !value.isObject()) {
            target.set(key, value);
        } else {
            String sub = ScimJson.key(value, path.subAttribute());
            if (sub != null) {
                ObjectNode complex = target.has(key) ? (ObjectNode) target.get(key) : target.putObject(key);
                complex.set(sub, value.get(sub));
            }
        }
    }

    private static ObjectNode container(ObjectNode resource, String schema) {
        if (schema == null) {
            return resource;
        }
        JsonNode extension = ScimJson.get(resource, schema);
        return extension instanceof ObjectNode object ? object : null;
    }

    private static List<AttrPath> paths(String text) {
        List<AttrPath> paths = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    paths.add(AttrPath.parse(part.trim()));
                }
            }
        }
        return paths;
    }
}
