package io.provisioning.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.support.TimeOrderedIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The directory's users (JDBC). Every change is committed together with the provisioning work it causes (outbox
 * items), so accepted work is never lost.
 */
public class UserDirectory {

    static final String UNIQUE_VIOLATION = "23505";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_COLUMNS =
            "id, user_name, email, first_name, last_name, company, custom_attributes, active, onboarding_status, created_at, updated_at";

    /** Above this many prefix matches a search walks the directory in page order instead of sorting the matches. */
    private static final int MANY_MATCHES = 5_000;

    private final DataSource dataSource;
    private final Outbox outbox;

    public UserDirectory(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * Adds a user and, in the same transaction, a pending link and a create item for each application. Nothing is
     * written when the user name is taken.
     */
    public User create(NewUser request, List<String> applications, String source) {
        return create(request, applications, source, AlongWith.NOTHING);
    }

    /**
     * {@link #create(NewUser, List, String)} that also records {@code requestKey} (when not null) in the same
     * transaction: a second request with the same key throws {@link AlreadyProcessedException} and changes nothing.
     */
    public User create(NewUser request, List<String> applications, String source, String requestKey) {
        return Jdbc.inTransaction(dataSource, connection -> {
            // first: a redelivered request must be recognised before it collides with its own first effect
            recordRequest(connection, requestKey, source);
            return create(connection, request, applications, source, null);
        });
    }

    /**
     * As {@link #create(NewUser, List, String)}, with {@code along} written in the same transaction (e.g. the SCIM
     * resource beside the user); its failure rolls everything back.
     */
    public User create(NewUser request, List<String> applications, String source, AlongWith along) {
        return Jdbc.inTransaction(dataSource, connection -> {
            User user = create(connection, request, applications, source, null);
            along.write(connection, user);
            return user;
        });
    }

    /** {@link #create} inside the caller's transaction; {@code jobId} tags the work with the file job causing it. */
    User create(Connection connection, NewUser request, List<String> applications, String source, String jobId)
            throws SQLException {
        OffsetDateTime now = now();
        User user = new User(
                TimeOrderedIds.next(),
                request.userName(),
                request.email(),
                request.firstName(),
                request.lastName(),
                request.company(),
                request.customAttributes(),
                true,
                applications.isEmpty() ? "created" : "provisioning",
                now,
                now);
        insertUser(connection, user);
        for (String application : applications) {
            ApplicationLinks.insert(connection, user.id(), application, ApplicationLink.PENDING, null, null);
            outbox.enqueue(connection, user.id(), application, OutboxItem.CREATE, source, now, jobId);
        }
        return user;
    }

    /**
     * Applies a change and queues what it means for each application the user is linked to: deactivation
     * (delete), reactivation (activate), or an update (the writer then sends only the mapped fields that changed).
     */
    public User update(String id, UserPatch patch, String source) {
        return update(id, patch, source, AlongWith.NOTHING);
    }

    /**
     * {@link #update(String, UserPatch, String)} that also records {@code requestKey} (when not null) in the same
     * transaction: a second request with the same key throws {@link AlreadyProcessedException} and changes nothing.
     */
    public User update(String id, UserPatch patch, String source, String requestKey) {
        return Jdbc.inTransaction(dataSource, connection -> {
            recordRequest(connection, requestKey, source);
            User before = select(connection, id, true).orElseThrow(() -> new UserNotFoundException(id));
            update(connection, before, patch, source, null);
            return select(connection, id, false).orElseThrow();
        });
    }

    /**
     * As {@link #update(String, UserPatch, String)}, with {@code along} written in the same transaction after the
     * user row is locked, also when the profile itself does not change; its failure rolls everything back.
     */
    public User update(String id, UserPatch patch, String source, AlongWith along) {
        return Jdbc.inTransaction(dataSource, connection -> {
            User before = select(connection, id, true).orElseThrow(() -> new UserNotFoundException(id));
            update(connection, before, patch, source, null);
            User updated = select(connection, id, false).orElseThrow();
            along.write(connection, updated);
            return updated;
        });
    }

    private static void recordRequest(Connection connection, String requestKey, String source) throws SQLException {
        if (requestKey != null) {
            ProcessedRequests.record(connection, requestKey, source);
        }
    }

    /**
     * {@link #update} of a user read (for update) in the caller's transaction.
     *
     * @return whether anything changed
     */
    boolean update(Connection connection, User before, UserPatch patch, String source, String jobId)
            throws SQLException {
        User after = patch.applyTo(before);
        if (UserPatch.same(before, after)) {
            return false;
        }
        updateUser(connection, after);
        OpenResetLinks.revokeIfAccountChanged(connection, before, after);
        String operation = OutboxItem.forChange(before.active(), after.active());
        for (ApplicationLink link : ApplicationLinks.list(connection, before.id())) {
            if (operation != null) {
                // The link keeps its last outcome; the API shows it pending while the work waits.
                outbox.enqueue(connection, before.id(), link.application(), operation, source, now(), jobId);
            }
        }
        ApplicationLinks.refreshOnboardingStatus(connection, before.id());
        return true;
    }

    /** The user with that user name (case-insensitive), read for update in the caller's transaction. */
    static Optional<User> findByUserName(Connection connection, String userName) throws SQLException {
        return selectBy(connection, "userName", userName);
    }

    /**
     * Applies one record read from an application: the user matched by {@code matchAttribute} (userName or email,
     * case-insensitive) is created or updated with the record's attributes and linked to the record. No provisioning
     * work is queued: the record is the source here.
     *
     * @param attributes directory attribute → value read from the record (profile fields and custom attributes)
     * @throws IllegalArgumentException when the record cannot become a user (no user name, name taken)
     */
    public ImportOutcome importRecord(
            String application,
            String matchAttribute,
            String recordId,
            Map<String, Object> attributes,
            String syncedFields) {
        Object matchValue = attributes.get(matchAttribute);
        Object userName = attributes.getOrDefault("userName", attributes.get("email"));
        if (matchValue == null || userName == null) {
            throw new IllegalArgumentException(
                    "the record has no " + (matchValue == null ? matchAttribute : "user name or e-mail"));
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            Optional<User> match = selectBy(connection, matchAttribute, matchValue.toString());
            ImportOutcome outcome;
            String userId;
            if (match.isEmpty()) {
                OffsetDateTime now = now();
                Map<String, Object> custom = new LinkedHashMap<>(attributes);
                List.of("userName", "email", "firstName", "lastName", "company", "active")
                        .forEach(custom::remove);
                User user = new User(
                        TimeOrderedIds.next(),
                        userName.toString(),
                        text(attributes, "email"),
                        text(attributes, "firstName"),
                        text(attributes, "lastName"),
                        text(attributes, "company"),
                        custom,
                        !Boolean.FALSE.equals(attributes.get("active")),
                        "provisioned",
                        now,
                        now);
                insertUser(connection, user);
                userId = user.id();
                outcome = ImportOutcome.CREATED;
            } else {
                User before = match.get();
                Map<String, String> profile = new LinkedHashMap<>();
                Map<String, Object> custom = new LinkedHashMap<>();
                attributes.forEach((name, value) -> {
                    if (List.of("userName", "email", "firstName", "lastName", "company")
                            .contains(name)) {
                        profile.put(name, value == null ? null : value.toString());
                    } else if (!name.equals("active")) {
                        custom.put(name, value);
                    }
                });
                Boolean active = attributes.get("active") instanceof Boolean b ? b : null;
                User after = new UserPatch(profile, custom, false, active).applyTo(before);
                userId = before.id();
                boolean changed = !after.equals(withTime(before, after.updatedAt()));
                if (changed) {
                    updateUser(connection, after);
                    OpenResetLinks.revokeIfAccountChanged(connection, before, after);
                }
                outcome = changed ? ImportOutcome.UPDATED : ImportOutcome.UNCHANGED;
            }
            ApplicationLink link = ApplicationLinks.list(connection, userId).stream()
                    .filter(l -> l.application().equals(application))
                    .findFirst()
                    .orElse(null);
            boolean relink = link == null
                    || !recordId.equals(link.recordId())
                    || !ApplicationLink.PROVISIONED.equals(link.state());
            if (relink || !Objects.equals(syncedFields, link.syncedFields())) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM application_link WHERE user_id = ? AND application = ?")) {
                    delete.setString(1, userId);
                    delete.setString(2, application);
                    delete.executeUpdate();
                }
                ApplicationLinks.insert(
                        connection, userId, application, ApplicationLink.PROVISIONED, recordId, syncedFields);
                ApplicationLinks.refreshOnboardingStatus(connection, userId);
            }
            return relink && outcome == ImportOutcome.UNCHANGED ? ImportOutcome.UPDATED : outcome;
        });
    }

    private static Optional<User> selectBy(Connection connection, String attribute, String value) throws SQLException {
        String column =
                switch (attribute) {
                    case "userName" -> "user_name_key";
                    case "email" -> "email_key";
                    default -> throw new IllegalArgumentException(
                            "users can be matched by userName or email, not " + attribute);
                };
        try (PreparedStatement select = connection.prepareStatement("SELECT " + USER_COLUMNS
                + " FROM directory_user WHERE " + column + " = ? ORDER BY created_at FOR UPDATE")) {
            select.setString(1, value.toLowerCase(Locale.ROOT));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(toUser(rows)) : Optional.empty();
            }
        }
    }

    private static String text(Map<String, Object> attributes, String name) {
        Object value = attributes.get(name);
        return value == null ? null : value.toString();
    }

    public Optional<User> find(String id) {
        return Jdbc.inTransaction(dataSource, connection -> select(connection, id, false));
    }

    /** The user with this user name (case-insensitive). */
    public Optional<User> findByUserName(String userName) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM directory_user WHERE user_name_key = ?")) {
                select.setString(1, key(userName));
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(toUser(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Many users by id in one query (the users of one batch of provisioning work). */
    public Map<String, User> findAll(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM directory_user WHERE id IN (" + marks + ")")) {
                int i = 1;
                for (String id : ids) {
                    select.setString(i++, id);
                }
                Map<String, User> users = new java.util.HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        User user = toUser(rows);
                        users.put(user.id(), user);
                    }
                }
                return users;
            }
        });
    }

    public User get(String id) {
        return find(id).orElseThrow(() -> new UserNotFoundException(id));
    }

    /** A page of users, oldest first; {@code onboardingStatus} null lists all. */
    public List<User> list(String onboardingStatus, int offset, int limit) {
        return list(onboardingStatus, null, offset, limit);
    }

    /**
     * A page of users, oldest first; {@code onboardingStatus} null lists all; {@code search} (case-insensitive) keeps
     * the users whose user name or e-mail starts with it.
     */
    public List<User> list(String onboardingStatus, String search, int offset, int limit) {
        String prefix = search == null || search.isBlank() ? null : likePrefix(search.strip());
        String status = onboardingStatus == null ? "" : " AND onboarding_status = ?";
        String byName = "user_name_key LIKE ? ESCAPE '\\'";
        String byEmail = "email_key LIKE ? ESCAPE '\\'";
        return Jdbc.inTransaction(dataSource, connection -> {
            String where;
            List<String> parameters = new java.util.ArrayList<>();
            if (prefix == null) {
                where = " WHERE TRUE" + status;
                parameters.add(onboardingStatus);
            } else if (matchesMany(connection, prefix)) {
                // many matches: walking the directory in page order finds a page's worth soon
                where = " WHERE (" + byName + " OR " + byEmail + ")" + status;
                parameters.addAll(Arrays.asList(prefix, prefix, onboardingStatus));
            } else {
                // few matches: the union of two index range scans (user name, e-mail prefixes), sorted
                where = " WHERE " + byName + status + " UNION SELECT " + USER_COLUMNS + " FROM directory_user WHERE "
                        + byEmail + status;
                parameters.addAll(Arrays.asList(prefix, onboardingStatus, prefix, onboardingStatus));
            }
            parameters.removeIf(Objects::isNull);
            try (PreparedStatement select = connection.prepareStatement("SELECT " + USER_COLUMNS
                    + " FROM directory_user" + where + " ORDER BY created_at, id LIMIT ? OFFSET ?")) {
                int i = 1;
                for (String parameter : parameters) {
                    select.setString(i++, parameter);
                }
                select.setInt(i++, limit);
                select.setInt(i, offset);
                List<User> users = new java.util.ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        users.add(toUser(rows));
                    }
                }
                return users;
            }
        });
    }

    /** Whether a search prefix matches so many users that sorting all its matches costs more than a walk. */
    private static boolean matchesMany(Connection connection, String prefix) throws SQLException {
        long matches = 0;
        for (String column : List.of("user_name_key", "email_key")) {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM (SELECT id FROM"
                    + " directory_user WHERE " + column + " LIKE ? ESCAPE '\\' LIMIT " + MANY_MATCHES + ") m")) {
                count.setString(1, prefix);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    matches += rows.getLong(1);
                }
            }
        }
        return matches >= MANY_MATCHES;
    }

    /** {@code text%} for LIKE, lower-cased, with the text's own wildcards taken literally. */
    static String likePrefix(String text) {
        return lower(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The active user registered with this e-mail address (case-insensitive), when exactly one is. */
    public Optional<User> findActiveByEmail(String email) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM directory_user WHERE email_key = ? AND active = TRUE LIMIT 2")) {
                select.setString(1, lower(email));
                try (ResultSet rows = select.executeQuery()) {
                    Optional<User> user = rows.next() ? Optional.of(toUser(rows)) : Optional.empty();
                    return rows.next() ? Optional.empty() : user;
                }
            }
        });
    }

    static User withTime(User user, OffsetDateTime updatedAt) {
        return new User(
                user.id(),
                user.userName(),
                user.email(),
                user.firstName(),
                user.lastName(),
                user.company(),
                user.customAttributes() == null ? Map.of() : user.customAttributes(),
                user.active(),
                user.onboardingStatus(),
                user.createdAt(),
                updatedAt);
    }

    private static Optional<User> select(Connection connection, String id, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + USER_COLUMNS + " FROM directory_user WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(toUser(rows)) : Optional.empty();
            }
        }
    }

    private static final String INSERT_USER = "INSERT INTO directory_user (" + USER_COLUMNS
            + ", user_name_key, email_key, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";

    private static void insertUser(Connection connection, User user) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_USER)) {
            bindInsertUser(insert, user);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw duplicateOr(e, user.userName());
        }
    }

    private static void bindInsertUser(PreparedStatement insert, User user) throws SQLException {
        int i = bindProfile(insert, user, 1);
        insert.setString(i++, user.onboardingStatus());
        insert.setObject(i++, user.createdAt());
        insert.setObject(i++, user.updatedAt());
        insert.setString(i++, key(user.userName()));
        insert.setString(i, lower(user.email()));
    }

    /**
     * Many new users at once in the caller's transaction, with JDBC batches (the fast path of bulk files): users,
     * their pending links and create items. Throws on any conflict; the caller then falls back to one by one.
     *
     * @param sources the report source of each user's work, in the same order
     * @return the new users' ids, in order
     */
    List<String> createAll(
            Connection connection,
            List<NewUser> requests,
            List<String> applications,
            List<String> sources,
            String jobId)
            throws SQLException {
        OffsetDateTime now = now();
        List<String> ids = new java.util.ArrayList<>(requests.size());
        try (PreparedStatement users = connection.prepareStatement(INSERT_USER);
                PreparedStatement links = connection.prepareStatement(ApplicationLinks.INSERT);
                PreparedStatement items = connection.prepareStatement(Outbox.INSERT)) {
            for (int r = 0; r < requests.size(); r++) {
                NewUser request = requests.get(r);
                User user = new User(
                        TimeOrderedIds.next(),
                        request.userName(),
                        request.email(),
                        request.firstName(),
                        request.lastName(),
                        request.company(),
                        request.customAttributes(),
                        true,
                        applications.isEmpty() ? "created" : "provisioning",
                        now,
                        now);
                ids.add(user.id());
                bindInsertUser(users, user);
                users.addBatch();
                for (String application : applications) {
                    ApplicationLinks.bindInsert(links, user.id(), application, ApplicationLink.PENDING, null, null);
                    links.addBatch();
                    Outbox.bindInsert(items, user.id(), application, OutboxItem.CREATE, sources.get(r), now, jobId);
                    items.addBatch();
                }
            }
            users.executeBatch();
            if (!applications.isEmpty()) {
                links.executeBatch();
                items.executeBatch();
                outbox.wakeAfterCommit();
            }
        }
        return ids;
    }

    /** Which of these lower-cased user names are taken. */
    static java.util.Set<String> existingKeys(Connection connection, java.util.Collection<String> keys)
            throws SQLException {
        java.util.Set<String> taken = new java.util.HashSet<>();
        if (keys.isEmpty()) {
            return taken;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT user_name_key FROM directory_user WHERE user_name_key IN (" + marks + ")")) {
            int i = 1;
            for (String key : keys) {
                select.setString(i++, key);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    taken.add(rows.getString(1));
                }
            }
        }
        return taken;
    }

    private static void updateUser(Connection connection, User user) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE directory_user SET id = ?, user_name = ?, email = ?, first_name = ?, last_name = ?, company = ?,"
                        + " custom_attributes = ?, active = ?, updated_at = ?, user_name_key = ?, email_key = ?,"
                        + " version = version + 1 WHERE id = ?")) {
            int i = bindProfile(update, user, 1);
            update.setObject(i++, user.updatedAt());
            update.setString(i++, key(user.userName()));
            update.setString(i++, lower(user.email()));
            update.setString(i, user.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw duplicateOr(e, user.userName());
        }
    }

    /** Binds id, profile fields, custom attributes and active; returns the next parameter index. */
    private static int bindProfile(PreparedStatement statement, User user, int first) throws SQLException {
        int i = first;
        statement.setString(i++, user.id());
        statement.setString(i++, user.userName());
        statement.setString(i++, user.email());
        statement.setString(i++, user.firstName());
        statement.setString(i++, user.lastName());
        statement.setString(i++, user.company());
        statement.setString(i++, toJson(user.customAttributes()));
        statement.setBoolean(i++, user.active());
        return i;
    }

    private static SQLException duplicateOr(SQLException e, String userName) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw new DuplicateUserException(userName);
        }
        return e;
    }

    private static String key(String userName) {
        return Objects.requireNonNull(userName, "userName").toLowerCase(Locale.ROOT);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static User toUser(ResultSet row) throws SQLException {
        return new User(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                fromJson(row.getString(7)),
                row.getBoolean(8),
                row.getString(9),
                row.getObject(10, OffsetDateTime.class),
                row.getObject(11, OffsetDateTime.class));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Fits a text into a column: at most {@code max} characters, and no NUL (PostgreSQL refuses it in text). */
    static String truncate(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.indexOf('\u0000') >= 0 ? value.replace('\u0000', ' ') : value;
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    static String toJson(Map<String, Object> attributes) {
        try {
            return attributes == null || attributes.isEmpty() ? null : JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Attributes cannot be stored as JSON", e);
        }
    }

    static Map<String, Object> fromJson(String json) {
        try {
            return json == null
                    ? Map.of()
                    : JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attributes are not valid JSON", e);
        }
    }
}
