package io.provisioning;

import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.TestEnvironment;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** on-duplicate=allow, single creates and a file's collection call (DuplicateScenarios). */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnDuplicateAllowTest {

    private static final TestEnvironment ENV = TestEnvironment.create("on-duplicate-allow")
            .withQuickInbox()
            .with("provisioning.application.salesforce.on-duplicate", "allow")
            .asSystemProperties();

    @BeanInject
    CamelContext context;

    @Test
    void allowCreatesASecondLead() throws Exception {
        new DuplicateScenarios(
                        ENV.api(),
                        EmulatorClient.defaultOrg(context),
                        context.getRegistry().lookupByNameAndType("dataSource", DataSource.class),
                        ENV.inbox())
                .allowCreatesASecondLead();
    }
}
