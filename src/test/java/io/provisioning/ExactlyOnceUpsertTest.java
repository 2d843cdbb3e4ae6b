package io.provisioning;

import io.provisioning.testsupport.EmulatorClient;
import io.provisioning.testsupport.TestEnvironment;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14 with the shipped configuration: the application names an external-id field (Provisioning_Id__c), so a
 * create is an upsert keyed by the user's id and a repeated one updates the record the lost one made.
 */
@CamelMainTest(propertyPlaceholderLocations = Application.CONFIG_LOCATION)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOnceUpsertTest {

    private static final TestEnvironment ENV =
            TestEnvironment.create("exactly-once-upsert").withQuickInbox().asSystemProperties();

    @BeanInject
    CamelContext context;

    @Test
    void aCreateWhoseAnswerIsLostLeavesOneLead() {
        scenarios().oneUserWhoseCreateAnswerIsLost("upsert");
    }

    @Test
    void fortyUsersWithALostCollectionAnswerLeaveFortyLeads() throws Exception {
        scenarios().fortyUsersWhoseCollectionAnswerIsLost();
    }

    private ExactlyOnceScenarios scenarios() {
        return new ExactlyOnceScenarios(
                ENV.api(),
                EmulatorClient.defaultOrg(context),
                context.getRegistry().lookupByNameAndType("dataSource", DataSource.class),
                ENV.inbox(),
                "UPSERTED");
    }
}
