package io.provisioning.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process, stateful emulator of the Salesforce REST API parts the product uses, over plain HTTP on
 * 127.0.0.1. See docs/emulator.md. This class only wires the parts together and owns the lifecycle.
 */
public final class SalesforceEmulator implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every answer waits ~40 ms for the
        // client's delayed ACK. The JDK reads this property once, when its first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EmulatorSettings settings;
    private final SchemaRegistry schemas = new SchemaRegistry();
    private final OrgStore store = new OrgStore(schemas);
    private final IdGenerator ids = new IdGenerator();
    private final ApiUsage usage;
    private final TokenStore tokens;
    private final Latency latency;
    private final FaultInjector faults = new FaultInjector();
    private final CallStats stats = new CallStats();
    private final PasswordService passwordService = new PasswordService();
    private final QueryCursors cursors = new QueryCursors(ids);
    private final FieldPermissions permissions = new FieldPermissions();
    private final DuplicateRules duplicateRules = new DuplicateRules();
    private final UserLicenses licenses = new UserLicenses();
    private final LongRequests longRequests = new LongRequests(System::currentTimeMillis);
    private Persistence persistence;
    private DmlService dml;
    private BulkJobs bulk;
    private HttpServer server;
    private ExecutorService executor;

    public SalesforceEmulator(EmulatorSettings settings) {
        this.settings = settings;
        this.usage = new ApiUsage(settings.dailyApiLimit());
        this.tokens = new TokenStore(settings.tokenTtlSeconds());
        this.latency = new Latency(settings.latencyMs());
    }

    /** Binds 127.0.0.1:port and loads the persisted org from the data directory, if any. */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        persistence = new Persistence(settings.dataDir(), schemas, store, usage);
        persistence.load(ids);
        dml = new DmlService(
                schemas, store, ids, persistence, Org.INTEGRATION_USER_ID, permissions, duplicateRules, licenses);
        dml.ensureIntegrationUser(settings.username(), passwordService, settings.password());

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 512);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sf-emulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        PasswordResource passwordResource = new PasswordResource(store, persistence, passwordService);
        SObjectResource sobjects = new SObjectResource(schemas, store, dml, passwordResource, permissions);
        bulk = new BulkJobs(ids, schemas, store, dml);
        ServicesRouter router = new ServicesRouter(
                tokens,
                usage,
                persistence,
                stats,
                faults,
                sobjects,
                new QueryResource(schemas, store, cursors),
                new CompositeResource(schemas, store, dml),
                new BulkIngestResource(schemas, bulk),
                new BulkQueryResource(bulk),
                longRequests);
        ControlResource controls = new ControlResource(
                latency, faults, stats, tokens, schemas, store, persistence, passwordResource, this::reset);
        controls.permissions(permissions);
        controls.bulk(bulk);
        controls.orgRules(duplicateRules, licenses, dml.automation());
        controls.limits(new LimitControls(usage, longRequests, persistence));
        server.createContext(
                "/",
                new HttpFront(
                        latency,
                        faults,
                        stats,
                        new OAuthResource(
                                settings,
                                tokens,
                                "http://127.0.0.1:" + server.getAddress().getPort()),
                        router,
                        controls));
        server.start();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The concurrent long-request limit (Developer Edition 5 by default; production orgs and sandboxes 25): calls
     * running {@code thresholdMillis} (Salesforce: 20 s) or longer count.
     */
    public void concurrentLongRequests(int max, long thresholdMillis) {
        longRequests.configure(max, thresholdMillis);
    }

    /** Id of the integration user that every token runs as. */
    public String integrationUserId() {
        return Org.INTEGRATION_USER_ID;
    }

    /** The registered OAuth client's consumer key (client id). */
    public String clientId() {
        return settings.app().clientId();
    }

    /** The id of the "Standard User" profile (any other profile is found by name through SOQL). */
    public String standardProfileId() {
        return Org.STANDARD_USER_PROFILE_ID;
    }

    /**
     * Defines a unique external-id text field on an sObject, as an admin does in Setup (Object Manager → Fields &
     * Relationships → New → Text, "Unique" and "External ID" ticked). Nothing changes when it exists already.
     */
    public void defineExternalIdField(String sObject, String field) {
        ObjectSchema schema = schemas.find(sObject);
        if (schema == null || !field.matches("[A-Za-z][A-Za-z0-9_]*__c")) {
            throw new IllegalArgumentException("cannot define " + sObject + "." + field);
        }
        FieldDef existing = schema.field(field);
        if (existing != null && existing.externalId() && existing.unique()) {
            return;
        }
        ControlResource.addField(
                store,
                persistence,
                schema,
                new FieldDef(
                        field,
                        field.substring(0, field.length() - 3).replace('_', ' '),
                        FieldType.STRING,
                        255,
                        false,
                        true,
                        true,
                        true,
                        true,
                        null,
                        null));
    }

    /** Clears records, passwords, query cursors, API usage, call counts, faults; latency back to the setting. */
    private void reset() {
        store.writeRun(() -> {
            store.clear();
            cursors.clear();
            bulk.clear();
            usage.restore(0);
            stats.clear();
            faults.clear();
            permissions.clear();
            duplicateRules.reset();
            licenses.reset();
            dml.automation().reset();
            latency.set(settings.latencyMs());
            try {
                persistence.compact();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        dml.ensureIntegrationUser(settings.username(), passwordService, settings.password());
    }

    /** Stops the server (hanging calls are cut) and compacts the journal. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        bulk.close();
        server = null;
        try {
            persistence.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kept for {@code java -cp … io.provisioning.emulator.SalesforceEmulator}: see {@link StandaloneEmulator}. */
    public static void main(String[] args) throws IOException {
        StandaloneEmulator.main(args);
    }
}
