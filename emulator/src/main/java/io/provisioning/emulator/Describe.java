package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Minimal describe answers (global, basic info, full) built from the schemas. */
final class Describe {
    private Describe() {}

    static ObjectNode global(SchemaRegistry schemas, String version) {
        ObjectNode node = Json.object();
        node.put("encoding", "UTF-8");
        node.put("maxBatchSize", 200);
        ArrayNode list = node.putArray("sobjects");
        schemas.all().forEach(s -> list.add(summary(s, version)));
        return node;
    }

    static ObjectNode basic(ObjectSchema schema, String version) {
        ObjectNode node = Json.object();
        node.set("objectDescribe", summary(schema, version));
        node.putArray("recentItems");
        return node;
    }

    /** The fields as the integration user sees them: hidden ones left out, read-only ones not createable. */
    static ObjectNode full(ObjectSchema schema, String version, FieldPermissions permissions) {
        ObjectNode node = summary(schema, version);
        ArrayNode fields = node.putArray("fields");
        for (FieldDef f : schema.fields()) {
            FieldPermissions.Access access = permissions.access(schema.name(), f.name());
            if (access == FieldPermissions.Access.NONE) {
                continue;
            }
            boolean editable = access == FieldPermissions.Access.EDIT;
            ObjectNode fn = fields.addObject();
            fn.put("name", f.name());
            fn.put("label", f.label());
            fn.put("type", f.type().describeName());
            fn.put("length", f.type().isText() ? f.length() : 0);
            fn.put("nillable", !f.required() && f.type() != FieldType.BOOLEAN);
            fn.put("createable", editable && f.createable());
            fn.put("updateable", editable && f.updateable());
            fn.put("externalId", f.externalId());
            fn.put("unique", f.unique());
            fn.put("custom", f.name().endsWith("__c"));
            fn.put("defaultedOnCreate", f.defaultValue() != null || !f.createable());
            ArrayNode values = fn.putArray("picklistValues");
            for (String value : Picklists.values(schema.name(), f.name())) {
                values.addObject()
                        .put("active", true)
                        .put("defaultValue", value.equals(f.defaultValue()))
                        .put("label", value)
                        .put("value", value);
            }
        }
        return node;
    }

    private static ObjectNode summary(ObjectSchema s, String version) {
        ObjectNode node = Json.object();
        node.put("name", s.name());
        node.put("label", s.label());
        node.put("keyPrefix", s.keyPrefix());
        node.put("custom", false);
        node.put("createable", s.createable());
        node.put("deletable", s.deletable());
        node.put("updateable", true);
        node.put("queryable", true);
        ObjectNode urls = node.putObject("urls");
        String base = "/services/data/" + version + "/sobjects/" + s.name();
        urls.put("sobject", base);
        urls.put("describe", base + "/describe");
        urls.put("rowTemplate", base + "/{ID}");
        return node;
    }
}
