package io.provisioning.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The user list's search on the real migrations (H2, PostgreSQL mode), on both of its plans: a prefix with few
 * matches (union of the user name and e-mail scans) and one with thousands (a walk in page order).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserDirectorySearchTest {

    private static final int MANY = 6_000;

    private HikariDataSource dataSource;
    private UserDirectory directory;

    @BeforeAll
    void database() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:directory_search;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        directory = new UserDirectory(dataSource, null);
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO directory_user (id, user_name,"
                        + " user_name_key, email, email_key, first_name, last_name, company, custom_attributes, active,"
                        + " onboarding_status, created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, 'F', 'L', 'C', '{}', TRUE, ?, ?, ?, 1)")) {
            int n = 0;
            // user name and e-mail both match: listed once
            n = add(insert, n, base, "same@example.com", "same@example.com", "provisioned");
            // only the e-mail matches "mail."
            n = add(insert, n, base, "alias-one", "mail.one@example.com", "provisioned");
            n = add(insert, n, base, "alias-two", "mail.two@example.com", "pending");
            // a literal underscore must not match any character
            n = add(insert, n, base, "under_score@example.com", "u1@example.com", "provisioned");
            n = add(insert, n, base, "underxscore@example.com", "u2@example.com", "provisioned");
            for (int i = 0; i < MANY; i++) {
                n = add(
                        insert,
                        n,
                        base,
                        "bulk" + i + "@example.com",
                        "bulk" + i + "@example.com",
                        i % 2 == 0 ? "provisioned" : "pending");
            }
            insert.executeBatch();
        }
    }

    private static int add(
            PreparedStatement insert, int n, OffsetDateTime base, String userName, String email, String status)
            throws Exception {
        OffsetDateTime at = base.plusNanos(n * 1_000_000L);
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, userName);
        insert.setString(3, userName.toLowerCase());
        insert.setString(4, email);
        insert.setString(5, email.toLowerCase());
        insert.setString(6, status);
        insert.setObject(7, at);
        insert.setObject(8, at);
        insert.addBatch();
        return n + 1;
    }

    @AfterAll
    void close() {
        dataSource.close();
    }

    @Test
    void aUserMatchingByNameAndEmailIsListedOnce() {
        assertEquals(List.of("same@example.com"), names(directory.list(null, "SAME@", 0, 50)));
    }

    @Test
    void anEmailPrefixFindsUsersWhoseNameDiffers() {
        assertEquals(List.of("alias-one", "alias-two"), names(directory.list(null, "mail.", 0, 50)));
        assertEquals(List.of("alias-two"), names(directory.list("pending", "mail.", 0, 50)));
    }

    @Test
    void wildcardsInTheSearchAreTakenLiterally() {
        assertEquals(List.of("under_score@example.com"), names(directory.list(null, "under_", 0, 50)));
        assertEquals(List.of(), names(directory.list(null, "%", 0, 50)));
    }

    @Test
    void aPrefixWithThousandsOfMatchesPagesInCreationOrder() {
        List<User> second = directory.list(null, "bulk", 50, 50);
        assertEquals(50, second.size());
        assertEquals("bulk50@example.com", second.get(0).userName());
        assertEquals("bulk99@example.com", second.get(49).userName());
        List<User> pending = directory.list("pending", "bulk", MANY / 2 - 10, 50);
        assertEquals(10, pending.size(), "the last page of the pending half");
        assertEquals("bulk" + (MANY - 1) + "@example.com", pending.get(9).userName());
    }

    @Test
    void aPrefixWithAFewMatchesPagesInCreationOrder() {
        List<User> page = directory.list(null, "bulk59", 5, 3);
        assertEquals(List.of("bulk594@example.com", "bulk595@example.com", "bulk596@example.com"), names(page));
    }

    private static List<String> names(List<User> users) {
        return users.stream().map(User::userName).toList();
    }
}
