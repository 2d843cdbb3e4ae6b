package io.provisioning.salesforce;

import org.apache.camel.Message;

/**
 * The {@code Sforce-Duplicate-Rule-Header} of a call: {@code allowSave=true} on creates of an application with
 * {@code on-duplicate=allow}. camel-salesforce sends every message header whose name starts with "Sforce" as an HTTP
 * header, for sObject operations and raw calls alike.
 */
final class DuplicateRuleHeader {

    static final String NAME = "Sforce-Duplicate-Rule-Header";

    private DuplicateRuleHeader() {}

    static void apply(Message message, SalesforceApplication application, boolean creates) {
        if (creates && application.onDuplicate() == OnDuplicate.ALLOW) {
            message.setHeader(NAME, "allowSave=true");
        } else {
            message.removeHeader(NAME);
        }
    }
}
