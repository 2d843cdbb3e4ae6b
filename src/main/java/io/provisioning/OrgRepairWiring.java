package io.provisioning;

import io.provisioning.api.RetryResource;
import io.provisioning.directory.FailedWork;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.LinkedRecords;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.ReconcileRuns;
import io.provisioning.directory.UserDirectory;
import io.provisioning.drift.DriftMetrics;
import io.provisioning.drift.Reconciler;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.Settings;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.spi.Registry;

/** Start-up wiring of re-drive and drift repair (issue 17, items 5 and 6): the beans of their routes. */
final class OrgRepairWiring {

    private OrgRepairWiring() {}

    static void register(
            Registry registry,
            Settings settings,
            DataSource dataSource,
            SalesforceApplications applications,
            AttributeMappings mappings,
            UserDirectory directory,
            Outbox outbox,
            Jobs jobs) {
        registry.bind("retryResource", new RetryResource(applications, new FailedWork(dataSource)));
        registry.bind(
                "reconciler",
                new Reconciler(
                        applications,
                        mappings,
                        directory,
                        new LinkedRecords(dataSource, outbox),
                        new ReconcileRuns(
                                dataSource,
                                Duration.ofMinutes(settings.getLong("provisioning.reconcile.lock-minutes", 60))),
                        jobs,
                        new DriftMetrics(),
                        settings.getInt("provisioning.reconcile.batch-size", Reconciler.MAX_BATCH)));
    }
}
