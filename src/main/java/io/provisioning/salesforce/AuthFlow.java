package io.provisioning.salesforce;

/**
 * The OAuth flow an application logs in with ({@code provisioning.application.<name>.authentication-type}); the
 * names are camel-salesforce's {@code AuthenticationType}s.
 */
public enum AuthFlow {
    /** Server to server with the app's consumer key and secret, as its "Run As" user; needs the My Domain URL. */
    CLIENT_CREDENTIALS,
    /** A JWT signed with the private key whose certificate the app holds; the user is pre-authorized. */
    JWT,
    /** A refresh token obtained once through a web login. */
    REFRESH_TOKEN,
    /** User name and password: blocked in orgs created since Summer '23, not offered by External Client Apps. */
    USERNAME_PASSWORD;

    static AuthFlow parse(String key, String value) {
        for (AuthFlow flow : values()) {
            if (flow.name().equalsIgnoreCase(value)) {
                return flow;
            }
        }
        throw new io.provisioning.support.InvalidSettingException(
                key, key + " must be one of " + java.util.Arrays.toString(values()) + ", got '" + value + "'");
    }
}
