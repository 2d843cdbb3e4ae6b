package io.provisioning.drift;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisioning.directory.FailedWork;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.LinkedRecords;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.ReconcileRuns;
import io.provisioning.directory.UserDirectory;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.salesforce.SalesforceApplications;
import javax.sql.DataSource;
import org.apache.camel.spi.Registry;

/**
 * Wires re-drive and drift reconcile: {@code retryResource} and {@code reconciler}, whose drift gauges go to the
 * observe feature's meter registry.
 */
public final class DriftFeature {

    private DriftFeature() {}

    public static void wire(
            Registry registry,
            ReconcileSettings settings,
            DataSource dataSource,
            SalesforceApplications applications,
            AttributeMappings mappings,
            UserDirectory directory,
            Outbox outbox,
            Jobs jobs,
            MeterRegistry meters) {
        registry.bind("retryResource", new RetryResource(applications, new FailedWork(dataSource)));
        registry.bind(
                "reconciler",
                new Reconciler(
                        applications,
                        mappings,
                        directory,
                        new LinkedRecords(dataSource, outbox),
                        new ReconcileRuns(dataSource, settings.staleLockAfter()),
                        jobs,
                        new DriftMetrics(meters),
                        settings.batchSize()));
    }
}
