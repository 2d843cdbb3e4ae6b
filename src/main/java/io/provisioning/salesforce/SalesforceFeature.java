package io.provisioning.salesforce;

import io.provisioning.directory.ApplicationLinks;
import io.provisioning.directory.ApplicationStates;
import io.provisioning.directory.BulkJobStore;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.OutboxSettings;
import io.provisioning.directory.UserDirectory;
import io.provisioning.mapping.AttributeMappings;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.spi.Registry;

/**
 * Wires the Salesforce side of the write path and the import: the beans of the outbox, write and import routes
 * ({@code salesforceWriter}, {@code writeBatcher}, {@code batchWriter}, {@code inDoubtLookup},
 * {@code bulkIngest}, {@code bulkQueryImport},
 * {@code salesforceImporter}, {@code credentialsCheck}, {@code loginGuard}, {@code nameResolver}). The
 * camel-salesforce components themselves are {@link SalesforceConnections}.
 */
public final class SalesforceFeature {

    private SalesforceFeature() {}

    /**
     * What the Salesforce side gives the other features: the login pause (health), the importer (API) and the
     * outcome recorder (org safety hears every write's outcome).
     */
    public record Wired(LoginGuard loginGuard, SalesforceImporter importer, OutcomeRecorder recorder) {}

    public static Wired wire(
            Registry registry,
            SalesforceSettings settings,
            OutboxSettings batching,
            BulkApiSettings bulkApi,
            DataSource dataSource,
            SalesforceApplications applications,
            AttributeMappings mappings,
            UserDirectory directory,
            ApplicationLinks links,
            Outbox outbox,
            Jobs jobs,
            NameResolver names,
            UserFieldsHook userFields) {
        LoginGuard loginGuard = new LoginGuard(settings.loginFailurePause(), Clock.systemUTC());
        OutcomeRecorder recorder = new OutcomeRecorder(links, outbox, settings.retry(), loginGuard);
        SalesforceImporter importer = new SalesforceImporter(applications, mappings, directory, jobs);
        registry.bind("loginGuard", loginGuard);
        registry.bind("salesforceImporter", importer);
        registry.bind("credentialsCheck", new CredentialsCheck(loginGuard, applications, mappings));
        // records named in mappings (a User's profile and role) resolved to the org's ids, cached
        registry.bind("nameResolver", names);
        registry.bind(
                "salesforceWriter",
                new SalesforceWriter(directory, links, outbox, applications, loginGuard, recorder, names, userFields));
        registry.bind(
                "writeBatcher",
                new WriteBatcher(applications, batching.collectionSize(), outbox, batching.collectionFillWait()));
        registry.bind(
                "batchWriter",
                new BatchWriter(
                        directory, links, applications, mappings, recorder, loginGuard, outbox, names, userFields));
        registry.bind(PermanentDeactivationRefusal.BEAN, new PermanentDeactivationRefusal());
        registry.bind("bulkQueryImport", new BulkQueryImport(applications, bulkApi.threshold(), 50_000));
        // Bulk API 2.0 for large loads (issue 18): jobs reserved from the outbox, resumed by job id after a restart.
        // Paused or quarantined applications (issue 17) are read from the same table the outbox's gate reads.
        ApplicationStates states = new ApplicationStates(dataSource);
        registry.bind(
                "bulkIngest",
                new BulkIngest(
                        new BulkJobStore(dataSource, batching.lease()),
                        applications,
                        new BulkIngest.Parts(directory, links, mappings, recorder, names, userFields, outbox),
                        () -> states.stopped().keySet(),
                        bulkApi.threshold(),
                        bulkApi.maxRecordsPerJob(),
                        bulkApi.maxUploadBytes(),
                        bulkApi.pollIntervalMs()));
        // Exactly once at the Salesforce boundary (issue 14): finds what an in-doubt create may have made.
        registry.bind("inDoubtLookup", new InDoubtLookup(applications, links, settings.inDoubtClockMargin()));
        return new Wired(loginGuard, importer, recorder);
    }
}
