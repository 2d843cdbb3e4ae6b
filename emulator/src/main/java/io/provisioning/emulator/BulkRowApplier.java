package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies the rows of an ingest job as Salesforce's Bulk API 2.0 does: the header names the fields (an unknown one
 * fails the whole job), an empty value leaves a field unchanged, {@code #N/A} sets it to null, and each row succeeds
 * or fails on its own with the same validation as the REST API.
 */
final class BulkRowApplier {
    /** A row's outcome: the record id (may be null for a failed insert), created, or the error text. */
    record Outcome(String id, boolean created, String error) {}

    private final SchemaRegistry schemas;
    private final DmlService dml;

    BulkRowApplier(SchemaRegistry schemas, DmlService dml) {
        this.schemas = schemas;
        this.dml = dml;
    }

    /** @return the job's problem with its header, as Salesforce words it, or null when the header is fine */
    String checkHeader(IngestJob job, List<String> header) {
        ObjectSchema schema = schemas.find(job.object);
        if (schema == null) {
            return "InvalidBatch : sObject type '" + job.object + "' is not supported";
        }
        List<String> missing = new ArrayList<>();
        for (String column : header) {
            if (schema.field(column) == null) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            return "InvalidBatch : Field name not found : " + missing.get(0);
        }
        String key =
                switch (job.operation) {
                    case "update", "delete", "hardDelete" -> "Id";
                    case "upsert" -> job.externalIdFieldName;
                    default -> null;
                };
        if (key != null && header.stream().noneMatch(key::equalsIgnoreCase)) {
            return "InvalidBatch : Field name not found : " + key;
        }
        return null;
    }

    /** Applies one row inside {@code uow}; a failed row leaves nothing behind. */
    Outcome apply(UnitOfWork uow, IngestJob job, List<String> header, List<String> row) {
        ObjectSchema schema = schemas.find(job.object);
        String givenId = value(header, row, "Id");
        int mark = uow.mark();
        try {
            if (row.size() != header.size()) {
                throw ApiException.badRequest(
                        "INVALID_FIELD", "The row has " + row.size() + " values, the header " + header.size());
            }
            ObjectNode record = record(schema, header, row);
            switch (job.operation) {
                case "insert":
                    return new Outcome(dml.create(uow, schema, record, Set.of()), true, null);
                case "update": {
                    String id = id(givenId);
                    dml.update(uow, schema, id, record, Set.of("Id"));
                    return new Outcome(id, false, null);
                }
                case "upsert": {
                    FieldDef key = schema.field(job.externalIdFieldName);
                    String value = value(header, row, key.name());
                    if (value == null || value.isEmpty()) {
                        throw new ApiException(
                                400,
                                ApiError.of(
                                        "REQUIRED_FIELD_MISSING",
                                        "Required fields are missing: [" + key.name() + "]",
                                        List.of(key.name())));
                    }
                    DmlService.UpsertResult r = dml.upsert(uow, schema, key, value, record);
                    if (!r.matches().isEmpty()) {
                        throw ApiException.badRequest(
                                "DUPLICATE_EXTERNAL_ID",
                                key.name() + ": more than one record found for external id field: " + r.matches());
                    }
                    return new Outcome(r.id(), r.created(), null);
                }
                default: {
                    String id = id(givenId);
                    dml.delete(uow, schema, id);
                    return new Outcome(id, false, null);
                }
            }
        } catch (ApiException e) {
            uow.rollbackTo(mark);
            return new Outcome("insert".equals(job.operation) ? null : givenId, false, errorText(e.errors()));
        }
    }

    private static String id(String given) {
        String id = given == null ? null : SalesforceIds.normalize(given);
        if (id == null) {
            throw ApiException.badRequest("MALFORMED_ID", "malformed id " + given);
        }
        return id;
    }

    private static String value(List<String> header, List<String> row, String field) {
        for (int i = 0; i < header.size() && i < row.size(); i++) {
            if (header.get(i).equalsIgnoreCase(field)) {
                return row.get(i);
            }
        }
        return null;
    }

    /** The row as the REST API's JSON record: typed values, empties left out, #N/A as null. */
    private static ObjectNode record(ObjectSchema schema, List<String> header, List<String> row) {
        ObjectNode record = Json.object();
        for (int i = 0; i < header.size(); i++) {
            FieldDef field = schema.field(header.get(i));
            String value = row.get(i);
            if (field.name().equals("Id") || value.isEmpty()) {
                continue;
            }
            if (value.equals("#N/A")) {
                record.putNull(field.name());
            } else if (field.type() == FieldType.BOOLEAN
                    && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
                record.put(field.name(), Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
            } else if (field.type() == FieldType.INT && value.matches("-?\\d{1,9}")) {
                record.put(field.name(), Integer.parseInt(value));
            } else {
                record.put(field.name(), value);
            }
        }
        return record;
    }

    /** {@code CODE:message:fields --}, as in a failedResults file. */
    static String errorText(List<ApiError> errors) {
        ApiError e = errors.get(0);
        String fields = e.fields() == null ? "" : String.join(",", e.fields());
        return e.errorCode() + ":" + e.message() + ":" + fields + " --";
    }
}
