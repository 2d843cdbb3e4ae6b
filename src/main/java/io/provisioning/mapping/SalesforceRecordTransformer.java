package io.provisioning.mapping;

import io.provisioning.directory.User;
import org.apache.camel.Message;
import org.apache.camel.spi.DataType;
import org.apache.camel.spi.DataTypeTransformer;
import org.apache.camel.spi.Transformer;

/**
 * The attribute mapping as a Camel transformer: a directory {@link User} in, the Salesforce record fields (a Map)
 * out, using the mapping of the application named in the {@code application} exchange property. The exchange
 * property {@code creating} selects create-only rules.
 */
@DataTypeTransformer(
        name = SalesforceRecordTransformer.NAME,
        description = "Directory user to Salesforce record fields")
public class SalesforceRecordTransformer extends Transformer {

    public static final String NAME = "provisioning:salesforce-record";

    @Override
    public void transform(Message message, DataType from, DataType to) throws Exception {
        String application = message.getExchange().getProperty("application", String.class);
        boolean creating = message.getExchange().getProperty("creating", Boolean.TRUE, Boolean.class);
        AttributeMappings mappings =
                message.getExchange().getContext().getRegistry().findSingleByType(AttributeMappings.class);
        if (mappings == null) {
            throw new IllegalStateException("No attribute mappings are registered");
        }
        message.setBody(mappings.forApplication(application).apply(message.getMandatoryBody(User.class), creating));
    }
}
