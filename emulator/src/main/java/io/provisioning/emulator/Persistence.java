package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps org changes to journal lines and back. Line kinds: {@code rec} (a full record snapshot, last one wins),
 * {@code pwd} (password hash), {@code field} (custom field added), {@code usage} (API counter).
 * With no data directory every method is a no-op.
 */
final class Persistence implements AutoCloseable {
    private static final int USAGE_EVERY = 100;
    private final Journal journal;
    private final SchemaRegistry schemas;
    private final OrgStore store;
    private final ApiUsage usage;

    Persistence(Path dataDir, SchemaRegistry schemas, OrgStore store, ApiUsage usage) throws IOException {
        this.journal = dataDir == null ? null : new Journal(dataDir.resolve("salesforce-emulator"));
        this.schemas = schemas;
        this.store = store;
        this.usage = usage;
    }

    boolean enabled() {
        return journal != null;
    }

    /** Replays the journal into the store, then compacts it. */
    void load(IdGenerator ids) throws IOException {
        if (journal == null) {
            return;
        }
        long[] usageSeen = {0};
        store.writeRun(() -> {
            try {
                journal.replay(line -> apply(line, ids, usageSeen));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        usage.restore(usageSeen[0]);
        compact();
    }

    private void apply(JsonNode line, IdGenerator ids, long[] usageSeen) {
        switch (line.path("t").asText()) {
            case "rec" -> {
                Map<String, Object> record = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = line.get("r").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    record.put(e.getKey(), Json.scalar(e.getValue()));
                }
                store.put(line.get("type").asText(), record);
                ids.observe((String) record.get("Id"));
                if (line.has("u")) {
                    usageSeen[0] = Math.max(usageSeen[0], line.get("u").asLong());
                }
            }
            case "pwd" -> store.setPassword(
                    line.get("id").asText(),
                    new OrgStore.PasswordState(
                            line.get("salt").asText(),
                            line.get("hash").asText(),
                            line.get("expired").asBoolean()));
            case "field" -> {
                ObjectSchema schema = schemas.find(line.get("type").asText());
                if (schema != null) {
                    FieldDef f = new FieldDef(
                            line.get("name").asText(),
                            line.get("label").asText(),
                            FieldType.STRING,
                            line.get("length").asInt(),
                            false,
                            true,
                            true,
                            line.get("externalId").asBoolean(),
                            line.get("unique").asBoolean(),
                            null,
                            null);
                    schema.addField(f);
                }
            }
            case "usage" -> usageSeen[0] = Math.max(usageSeen[0], line.get("n").asLong());
            case "usage-reset" -> usageSeen[0] = 0; // a new day (POST /emulator/limits/reset)
            default -> {
                // unknown line kinds from newer versions are ignored
            }
        }
    }

    void recordStored(String type, Map<String, Object> record) {
        if (journal == null || record == null) {
            return;
        }
        journal.append(recordLine(type, record).put("u", usage.used()));
    }

    void passwordStored(String userId, OrgStore.PasswordState state) {
        if (journal != null) {
            journal.append(passwordLine(userId, state));
        }
    }

    void fieldAdded(String type, FieldDef f) {
        if (journal != null) {
            journal.append(fieldLine(type, f));
        }
    }

    /** Called after each counted API call; writes the counter now and then (and always at compaction). */
    void usageCounted(long used) {
        if (journal != null && used % USAGE_EVERY == 0) {
            journal.append(Json.object().put("t", "usage").put("n", used));
        }
    }

    /** The API counter went back to 0: a replay must not restore the higher count written before. */
    void usageReset() {
        if (journal != null) {
            journal.append(Json.object().put("t", "usage-reset"));
        }
    }

    /** Rewrites the journal as a snapshot of the current state. */
    void compact() throws IOException {
        if (journal == null) {
            return;
        }
        List<JsonNode> lines = new ArrayList<>();
        store.writeRun(() -> {
            for (ObjectSchema schema : schemas.all()) {
                for (FieldDef f : schema.fields()) {
                    if (f.name().endsWith("__c")) {
                        lines.add(fieldLine(schema.name(), f));
                    }
                }
            }
            for (ObjectSchema schema : schemas.all()) {
                for (Map<String, Object> record : store.all(schema.name())) {
                    lines.add(recordLine(schema.name(), record));
                }
            }
            store.passwords().forEach((id, state) -> lines.add(passwordLine(id, state)));
            lines.add(Json.object().put("t", "usage").put("n", usage.used()));
            try {
                journal.rewrite(lines);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        if (journal != null) {
            compact();
            journal.close();
        }
    }

    private static ObjectNode recordLine(String type, Map<String, Object> record) {
        ObjectNode line = Json.object().put("t", "rec").put("type", type);
        ObjectNode r = line.putObject("r");
        record.forEach((k, v) -> Json.put(r, k, v));
        return line;
    }

    private static ObjectNode passwordLine(String userId, OrgStore.PasswordState state) {
        return Json.object()
                .put("t", "pwd")
                .put("id", userId)
                .put("salt", state.salt())
                .put("hash", state.hash())
                .put("expired", state.expired());
    }

    private static ObjectNode fieldLine(String type, FieldDef f) {
        return Json.object()
                .put("t", "field")
                .put("type", type)
                .put("name", f.name())
                .put("label", f.label())
                .put("length", f.length())
                .put("externalId", f.externalId())
                .put("unique", f.unique());
    }
}
