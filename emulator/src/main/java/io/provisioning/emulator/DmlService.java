package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Create, update, delete and upsert with Salesforce's validation, inside a {@link UnitOfWork}. */
final class DmlService {
    static final String DUPLICATE_USERNAME_MESSAGE = "Duplicate Username.<br>The username already exists in this or"
            + " another Salesforce organization. Usernames must be unique across all Salesforce organizations. To"
            + " resolve, use a different username (it doesn't need to match the user's email address). ";

    /** Outcome of an upsert: the id and whether it created the record; {@code matches} is set for 300. */
    record UpsertResult(String id, boolean created, List<String> matches) {}

    private final SchemaRegistry schemas;
    private final OrgStore store;
    private final IdGenerator ids;
    private final Persistence persistence;
    private final RecordValidator validator;
    private final String integrationUserId;
    private final DuplicateRules duplicates;
    private final UserLicenses licenses;
    private final ProcessAutomation automation = new ProcessAutomation();

    DmlService(
            SchemaRegistry schemas,
            OrgStore store,
            IdGenerator ids,
            Persistence persistence,
            String integrationUserId) {
        this(
                schemas,
                store,
                ids,
                persistence,
                integrationUserId,
                new FieldPermissions(),
                new DuplicateRules(),
                new UserLicenses());
    }

    /** @param permissions the integration user's field-level security, checked on every write */
    DmlService(
            SchemaRegistry schemas,
            OrgStore store,
            IdGenerator ids,
            Persistence persistence,
            String integrationUserId,
            FieldPermissions permissions,
            DuplicateRules duplicates,
            UserLicenses licenses) {
        this.validator = new RecordValidator(permissions);
        this.duplicates = duplicates;
        this.licenses = licenses;
        this.schemas = schemas;
        this.store = store;
        this.ids = ids;
        this.persistence = persistence;
        this.integrationUserId = integrationUserId;
    }

    /** The Process Automation Settings that updates of Users are checked against. */
    ProcessAutomation automation() {
        return automation;
    }

    /** Runs work under the write lock; commits (journals) on success, rolls back on any exception. */
    <T> T transaction(Function<UnitOfWork, T> work) {
        return store.write(() -> {
            UnitOfWork uow = new UnitOfWork(store, persistence);
            try {
                T result = work.apply(uow);
                uow.commit();
                return result;
            } catch (RuntimeException e) {
                uow.rollback();
                throw e;
            }
        });
    }

    String create(UnitOfWork uow, ObjectSchema schema, JsonNode body, Set<String> ignored) {
        return create(uow, schema, body, ignored, WriteOptions.DEFAULT);
    }

    String create(UnitOfWork uow, ObjectSchema schema, JsonNode body, Set<String> ignored, WriteOptions options) {
        if (!schema.createable()) {
            throw ApiException.badRequest(
                    "INVALID_TYPE_FOR_OPERATION", "entity type " + schema.name() + " does not support insert");
        }
        Map<String, Object> values = validator.coerce(schema, body, true, ignored);
        Map<String, Object> record = new LinkedHashMap<>();
        for (FieldDef f : schema.fields()) {
            if (f.defaultValue() != null) {
                record.put(f.name(), f.defaultValue());
            }
        }
        record.putAll(values);
        if (schema.field("OwnerId") != null && record.get("OwnerId") == null) {
            record.put("OwnerId", integrationUserId);
        }
        if (schema.name().equals("User") && record.get("CommunityNickname") == null && record.get("Username") != null) {
            String user = record.get("Username").toString();
            String nick = user.contains("@") ? user.substring(0, user.indexOf('@')) : user;
            record.put(
                    "CommunityNickname",
                    (nick.length() > 30 ? nick.substring(0, 30) : nick)
                            + Long.toString(System.nanoTime() % 100000, 36));
        }
        validator.validate(schema, record, values.keySet());
        checkUnique(schema, record, values.keySet(), null);
        ReferenceCheck.check(schemas, store, schema, record, referenceFields(values.keySet(), record));
        duplicates.check(store, schema, record, options.allowSave(), options.version());
        EntitlementRules.onCreate(store, schema, record);
        if (schema.name().equals("User")) {
            licenses.check(store, record, null);
        }
        String id = ids.next(schema.keyPrefix());
        String now = SfTime.now();
        record.put("Id", id);
        if (schema.hasIsDeleted()) {
            record.put("IsDeleted", false);
        }
        stamp(schema, record, now, true);
        computeName(schema, record);
        if (schema.name().equals("Lead")) {
            record.put("IsConverted", false);
            record.put("IsUnreadByOwner", true);
        }
        if (schema.name().equals("User")) {
            record.put("UserType", profileUserType(record));
        }
        uow.put(schema.name(), record);
        if (schema.name().equals("User")) {
            createUserLogin(uow, id, now);
            licenses.recount(store, uow);
        }
        return id;
    }

    private void createUserLogin(UnitOfWork uow, String userId, String now) {
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("Id", ids.next(SchemaRegistry.USER_LOGIN_PREFIX));
        login.put("UserId", userId);
        login.put("IsFrozen", false);
        login.put("IsPasswordLocked", false);
        login.put("LastModifiedDate", now);
        login.put("LastModifiedById", integrationUserId);
        uow.put("UserLogin", login);
    }

    void update(UnitOfWork uow, ObjectSchema schema, String id, JsonNode body, Set<String> ignored) {
        Map<String, Object> existing = requireLive(schema, id);
        Map<String, Object> values = validator.coerce(schema, body, false, ignored);
        if (schema.name().equals("UserLogin") && Boolean.TRUE.equals(values.get("IsPasswordLocked"))) {
            throw new ApiException(
                    400,
                    ApiError.of(
                            "FIELD_INTEGRITY_EXCEPTION",
                            "Is Password Locked: You can only set this field to false",
                            List.of("IsPasswordLocked")));
        }
        Map<String, Object> record = new LinkedHashMap<>(existing);
        record.putAll(values);
        validator.validate(schema, record, values.keySet());
        checkUnique(schema, record, values.keySet(), id);
        ReferenceCheck.check(schemas, store, schema, record, values.keySet());
        if (schema.name().equals("User")) {
            automation.checkUserUpdate(id, values);
            licenses.check(store, record, existing);
            record.put("UserType", profileUserType(record));
        }
        stamp(schema, record, SfTime.now(), false);
        computeName(schema, record);
        uow.put(schema.name(), record);
        if (schema.name().equals("User")) {
            licenses.recount(store, uow);
        }
    }

    /** On create the defaulted OwnerId is checked too. */
    private static Set<String> referenceFields(Set<String> changed, Map<String, Object> record) {
        Set<String> fields = new java.util.LinkedHashSet<>(changed);
        if (record.containsKey("OwnerId")) {
            fields.add("OwnerId");
        }
        return fields;
    }

    /** A user's UserType follows its profile (Chatter Free users are CsnOnly). */
    private String profileUserType(Map<String, Object> user) {
        Map<String, Object> profile = store.get(String.valueOf(user.get("ProfileId")));
        return profile == null ? "Standard" : String.valueOf(profile.getOrDefault("UserType", "Standard"));
    }

    void delete(UnitOfWork uow, ObjectSchema schema, String id) {
        if (!schema.deletable()) {
            throw new ApiException(
                    405,
                    ApiError.of("METHOD_NOT_ALLOWED", "HTTP Method 'DELETE' not allowed. Allowed are HEAD,GET,PATCH"));
        }
        Map<String, Object> record = new LinkedHashMap<>(requireLive(schema, id));
        EntitlementRules.onDelete(schema, record);
        record.put("IsDeleted", true);
        stamp(schema, record, SfTime.now(), false);
        uow.put(schema.name(), record);
    }

    UpsertResult upsert(UnitOfWork uow, ObjectSchema schema, FieldDef field, String value, JsonNode body) {
        return upsert(uow, schema, field, value, body, WriteOptions.DEFAULT);
    }

    UpsertResult upsert(
            UnitOfWork uow, ObjectSchema schema, FieldDef field, String value, JsonNode body, WriteOptions options) {
        List<String> matches = new ArrayList<>(store.lookup(schema.name(), field.name(), value));
        if (matches.size() > 1) {
            return new UpsertResult(null, false, matches);
        }
        Set<String> ignored = Set.of("attributes");
        if (matches.isEmpty()) {
            com.fasterxml.jackson.databind.node.ObjectNode withKey = body != null && body.isObject()
                    ? ((com.fasterxml.jackson.databind.node.ObjectNode) body).deepCopy()
                    : Json.object();
            withKey.put(field.name(), value);
            return new UpsertResult(create(uow, schema, withKey, ignored, options), true, List.of());
        }
        update(uow, schema, matches.get(0), body, ignored);
        return new UpsertResult(matches.get(0), false, List.of());
    }

    /** The live record of this type, or 404 NOT_FOUND / ENTITY_IS_DELETED. */
    Map<String, Object> requireLive(ObjectSchema schema, String id) {
        Map<String, Object> record = store.get(id);
        if (record == null || !schema.name().equals(store.typeOf(id))) {
            throw ApiException.notFound();
        }
        if (Boolean.TRUE.equals(record.get("IsDeleted"))) {
            throw new ApiException(404, ApiError.of("ENTITY_IS_DELETED", "entity is deleted", List.of()));
        }
        return record;
    }

    private void checkUnique(ObjectSchema schema, Map<String, Object> record, Set<String> changed, String selfId) {
        for (String name : changed) {
            FieldDef f = schema.field(name);
            Object value = record.get(f.name());
            if (!f.unique() || value == null) {
                continue;
            }
            for (String other : store.lookup(schema.name(), f.name(), value.toString())) {
                if (!other.equals(selfId)) {
                    if (schema.name().equals("User") && f.name().equals("Username")) {
                        throw new ApiException(
                                400,
                                ApiError.of("DUPLICATE_USERNAME", DUPLICATE_USERNAME_MESSAGE, List.of("Username")));
                    }
                    throw new ApiException(
                            400,
                            ApiError.of(
                                    "DUPLICATE_VALUE",
                                    "duplicate value found: " + f.name() + " duplicates value on record with id: "
                                            + other,
                                    List.of()));
                }
            }
        }
    }

    private void stamp(ObjectSchema schema, Map<String, Object> record, String now, boolean insert) {
        if (insert && schema.field("CreatedDate") != null) {
            record.put("CreatedDate", now);
            record.put("CreatedById", integrationUserId);
        }
        if (schema.field("LastModifiedDate") != null) {
            record.put("LastModifiedDate", now);
            record.put("LastModifiedById", integrationUserId);
        }
        if (schema.field("SystemModstamp") != null) {
            record.put("SystemModstamp", now);
        }
    }

    private static void computeName(ObjectSchema schema, Map<String, Object> record) {
        if (schema.field("Name") != null && schema.field("LastName") != null) {
            Object first = record.get("FirstName");
            Object last = record.get("LastName");
            record.put("Name", first == null ? last : first + " " + last);
        }
    }

    /** Creates the integration user (fixed id) when the org has none, e.g. on first start or after reset. */
    void ensureIntegrationUser(String username, PasswordService passwords, String password) {
        OrgSeed.ensure(store, persistence, ids, integrationUserId, licenses);
        ensureAutomatedProcessUser();
        store.writeRun(() -> {
            if (store.get(integrationUserId) != null) {
                return;
            }
            UnitOfWork uow = new UnitOfWork(store, persistence);
            Map<String, Object> user = new LinkedHashMap<>();
            String now = SfTime.now();
            user.put("Id", integrationUserId);
            user.put("Username", username);
            user.put("LastName", "Integration");
            user.put("FirstName", "Emulator");
            user.put("Name", "Emulator Integration");
            user.put("Email", username.contains("@") ? username : username + "@emulator.local");
            user.put("Alias", "integ");
            user.put("CommunityNickname", "integration");
            systemUserFields(user, "Standard", now);
            uow.put("User", user);
            createUserLogin(uow, integrationUserId, now);
            licenses.recount(store, uow);
            uow.commit();
            OrgStore.PasswordState state = passwords.hash(password, false);
            store.setPassword(integrationUserId, state);
            persistence.passwordStored(integrationUserId, state);
        });
    }

    /**
     * Every org has an "Automated Process" user (UserType AutomatedProcess) that flows and platform events run as;
     * an import of Users must not take it for a person.
     */
    private void ensureAutomatedProcessUser() {
        store.writeRun(() -> {
            if (store.get(Org.AUTOMATED_PROCESS_USER_ID) != null) {
                return;
            }
            UnitOfWork uow = new UnitOfWork(store, persistence);
            Map<String, Object> user = new LinkedHashMap<>();
            String now = SfTime.now();
            user.put("Id", Org.AUTOMATED_PROCESS_USER_ID);
            user.put("Username", "autoproc@" + Org.ORG_ID.toLowerCase(java.util.Locale.ROOT) + ".emulator.local");
            user.put("LastName", "Automated Process");
            user.put("Name", "Automated Process");
            user.put("Email", "autoproc@emulator.local");
            user.put("Alias", "autoproc");
            user.put("CommunityNickname", "automated.process");
            systemUserFields(user, "AutomatedProcess", now);
            uow.put("User", user);
            uow.commit();
        });
    }

    /** The fields every user the org creates for itself has: active, GMT, en_US, System Administrator. */
    private void systemUserFields(Map<String, Object> user, String userType, String now) {
        user.put("IsActive", true);
        user.put("TimeZoneSidKey", "GMT");
        user.put("LocaleSidKey", "en_US");
        user.put("EmailEncodingKey", "UTF-8");
        user.put("ProfileId", Org.SYSTEM_ADMIN_PROFILE_ID);
        user.put("LanguageLocaleKey", "en_US");
        user.put("UserType", userType);
        user.put("CreatedDate", now);
        user.put("CreatedById", integrationUserId);
        user.put("LastModifiedDate", now);
        user.put("LastModifiedById", integrationUserId);
        user.put("SystemModstamp", now);
    }
}
