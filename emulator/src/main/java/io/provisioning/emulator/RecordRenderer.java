package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Renders a stored record as Salesforce JSON: attributes first, then the fields, nulls included. */
final class RecordRenderer {
    private RecordRenderer() {}

    static String url(String version, String type, String id) {
        return "/services/data/" + version + "/sobjects/" + type + "/" + id;
    }

    static ObjectNode render(ObjectSchema schema, Map<String, Object> record, String version, List<FieldDef> fields) {
        ObjectNode node = Json.object();
        ObjectNode attributes = node.putObject("attributes");
        attributes.put("type", schema.name());
        attributes.put("url", url(version, schema.name(), (String) record.get("Id")));
        for (FieldDef f : fields == null ? schema.fields() : fields) {
            Json.put(node, f.name(), record.get(f.name()));
        }
        return node;
    }

    /**
     * A query row: the selected columns in order; a parent's columns nested under its relationship name (one object
     * per parent, null when the reference is empty), as Salesforce answers {@code SELECT Profile.Name FROM User}.
     */
    static ObjectNode render(
            OrgStore store, ObjectSchema schema, Map<String, Object> record, String version, List<SoqlColumn> columns) {
        ObjectNode node = Json.object();
        ObjectNode attributes = node.putObject("attributes");
        attributes.put("type", schema.name());
        attributes.put("url", url(version, schema.name(), (String) record.get("Id")));
        for (SoqlColumn c : columns) {
            if (c.relation() == null) {
                Json.put(node, c.field().name(), record.get(c.field().name()));
                continue;
            }
            String relationship = c.relationshipName();
            Map<String, Object> parent = c.parentOf(store, record);
            if (parent == null) {
                node.putNull(relationship);
                continue;
            }
            ObjectNode nested = node.get(relationship) instanceof ObjectNode existing ? existing : null;
            if (nested == null) {
                nested = node.putObject(relationship);
                ObjectNode parentAttributes = nested.putObject("attributes");
                parentAttributes.put("type", c.parent().name());
                parentAttributes.put("url", url(version, c.parent().name(), (String) parent.get("Id")));
            }
            Json.put(nested, c.field().name(), parent.get(c.field().name()));
        }
        return node;
    }
}
