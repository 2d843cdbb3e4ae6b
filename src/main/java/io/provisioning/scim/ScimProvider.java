package io.provisioning.scim;

import java.util.List;
import org.apache.camel.Exchange;

/**
 * The identity provider a SCIM request came from (its token's name), and what it may see: its own users and groups,
 * or every one when it is configured as an admin ({@code provisioning.scim.admin-providers}).
 */
public record ScimProvider(String name, boolean admin) {

    static final String PROPERTY = "scimProvider";

    /** The provider {@link ScimTokenGuard} let in. */
    static ScimProvider of(Exchange exchange) {
        ScimProvider provider = exchange.getProperty(PROPERTY, ScimProvider.class);
        if (provider == null) {
            throw new IllegalStateException("SCIM request without a checked provider token");
        }
        return provider;
    }

    /** The SQL condition that limits rows to what this provider sees ({@code owner} = the owner column), or "". */
    String condition(String owner) {
        return admin ? "" : " AND " + owner + " = ?";
    }

    List<Object> parameters() {
        return admin ? List.of() : List.of(name);
    }
}
