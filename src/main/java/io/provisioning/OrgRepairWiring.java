package io.provisioning;

import io.provisioning.api.RetryResource;
import io.provisioning.directory.FailedWork;
import io.provisioning.salesforce.SalesforceApplications;
import javax.sql.DataSource;
import org.apache.camel.spi.Registry;

/** Start-up wiring of re-drive and drift repair (issue 17, items 5 and 6): the beans of their routes. */
final class OrgRepairWiring {

    private OrgRepairWiring() {}

    static void register(Registry registry, DataSource dataSource, SalesforceApplications applications) {
        registry.bind("retryResource", new RetryResource(applications, new FailedWork(dataSource)));
    }
}
