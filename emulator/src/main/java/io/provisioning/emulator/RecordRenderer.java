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
}
