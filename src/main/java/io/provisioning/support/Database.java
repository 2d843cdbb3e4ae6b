package io.provisioning.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory's database: PostgreSQL (or any JDBC URL) when {@code provisioning.db.url} is set, otherwise an
 * embedded H2 file in PostgreSQL mode under the data folder. Always pooled by HikariCP and migrated by Flyway.
 */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {}

    public static HikariDataSource open(DatabaseSettings settings, Path dataDir) {
        String url = settings.url().orElse(null);
        boolean embedded = url == null;
        boolean autoServer = embedded && settings.embeddedAutoServer();
        if (embedded) {
            Path dbDir = OwnerOnly.folder(dataDir.resolve("db"));
            OwnerOnly.tree(dbDir); // files of an older version, made with the umask's permissions
            // H2 writes commits to disk in the background (about a second later): a hard kill can lose the newest
            // commits, whole transactions only. Production runs on PostgreSQL.
            // AUTO_SERVER starts a TCP server on every interface (user sa, no password) for other processes: only
            // when asked for.
            url = "jdbc:h2:file:" + dbDir.resolve("provisioning").toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=65536"
                    + (autoServer ? ";AUTO_SERVER=TRUE" : "");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("provisioning-db");
        config.setJdbcUrl(url);
        config.setUsername(settings.user().orElse(embedded ? "sa" : null));
        config.setPassword(settings.password().orElse(embedded ? "" : null));
        config.setMaximumPoolSize(settings.poolSize());
        String schema = settings.schema().orElse(null);
        if (schema != null) {
            config.setSchema(schema);
        }
        if (url.startsWith("jdbc:h2:")) {
            config.setExceptionOverrideClassName(H2BrokenConnections.class.getName());
        }
        if (url.startsWith("jdbc:postgresql:")) {
            // Plan each statement for its parameters: a plan cached while the tables were small (a fresh database,
            // a first bulk file) would keep scanning them whole as they grow; measured, a 100k-row file slowed from
            // 2,900 to 300 rows/s.
            config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        }
        // Fail at start-up, not at the first request, when the database is unreachable; during an outage, callers
        // (and the health check) get an error after this long instead of Hikari's default 30 s.
        long connectTimeout = settings.connectTimeout().toMillis();
        config.setInitializationFailTimeout(connectTimeout);
        config.setConnectionTimeout(connectTimeout);
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource, schema);
        if (embedded) {
            OwnerOnly.tree(dataDir.resolve("db")); // the files H2 has just created
        }
        LOG.info("Directory database: {} ({})", embedded ? "embedded H2" : "external", Redaction.redact(url));
        if (autoServer) {
            LOG.warn(
                    "Directory database: provisioning.db.embedded.auto-server=true: H2 listens on a TCP port on every "
                            + "interface for other processes (its port and key are in the owner-only lock file under {})",
                    dataDir.resolve("db").toAbsolutePath());
        }
        return dataSource;
    }

    private static void migrate(DataSource dataSource, String schema) {
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (schema != null) {
            flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
    }
}
