package io.provisioning.password;

/**
 * What setting a new password means for one application: a call on the linked Salesforce User ({@code recordId}),
 * or nothing, with the reason ({@code skipReason}).
 */
public record SyncStep(String application, String apiVersion, String recordId, String skipReason) {

    public boolean applicable() {
        return skipReason == null;
    }

    /** The REST path of the User's password resource. */
    public String passwordPath() {
        return "/services/data/v" + apiVersion + "/sobjects/User/" + recordId + "/password";
    }
}
