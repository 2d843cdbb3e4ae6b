package io.provisioning.salesforce;

import java.util.Locale;

/**
 * The likely cause of a refused login, from the OAuth error, Salesforce's description and the flow the application
 * uses: the same error means different things in different flows ({@code invalid_grant} is a wrong password in one, a
 * JWT signed with the wrong key in another). docs/salesforce-org-setup.md#troubleshooting has the long form.
 */
public final class LoginHints {

    private LoginHints() {}

    /**
     * A refused login with its likely cause appended, for the health check and the report rows of the work waiting on
     * it; any other failure as it is.
     */
    public static SalesforceFailure explained(AuthFlow flow, SalesforceFailure failure) {
        if (!failure.loginFailed() || failure.message().contains(LIKELY)) {
            return failure;
        }
        return new SalesforceFailure(
                failure.retryable(),
                failure.status(),
                failure.errorCode(),
                failure.message() + LIKELY + hint(flow, failure.errorCode(), failure.message()),
                true);
    }

    private static final String LIKELY = ". Likely cause: ";

    public static String hint(AuthFlow flow, String error, String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        switch (error == null ? "" : error) {
            case "invalid_client_id":
                return "The org knows no app with this consumer key: check client-id (Setup > External Client App Manager"
                        + " > the app > OAuth Settings > Consumer Key), and that the login URL is this org's.";
            case "invalid_client":
                return "Wrong consumer secret: check client-secret (it changes when the secret is rotated).";
            case "unsupported_grant_type":
                return "The app does not allow " + (flow == null ? "this flow" : flow)
                        + ": enable that flow in the app's OAuth settings, or change" + " authentication-type.";
            case "inactive_user":
                return "The integration user is deactivated or frozen in Salesforce.";
            case "invalid_grant":
                break;
            default:
                return switch (error == null ? "" : error) {
                    case "REQUEST_LIMIT_EXCEEDED" -> "The org has used up its daily API requests; provisioning resumes when they reset.";
                    case "TIMEOUT" -> "Salesforce did not answer in time: check the login URL and the network.";
                    case "CONNECTION_FAILED" -> "Salesforce could not be reached: check the login URL and the network.";
                    default -> "See the message from Salesforce.";
                };
        }
        if (text.contains("no client credentials user enabled")) {
            return "The app has no Run As user: enable the client credentials flow and set its Run As user.";
        }
        if (text.contains("hasn't approved this consumer")) {
            return "The user may not use the app: set Permitted Users to 'Admin approved users are pre-authorized' and"
                    + " add the user's profile or permission set to the app, and check username.";
        }
        if (text.contains("audience")) {
            return "The JWT audience is not this login server: set jwt-audience (https://login.salesforce.com,"
                    + " https://test.salesforce.com or the My Domain URL).";
        }
        if (text.contains("expired authorization code")) {
            return "The JWT had expired when it arrived: check this machine's clock.";
        }
        if (text.contains("invalid assertion")) {
            return "The JWT signature does not match the certificate the app holds: upload the certificate of"
                    + " jwt-keystore's key to the app (Use digital signatures), or fix jwt-key-alias.";
        }
        if (text.contains("expired access/refresh token")) {
            return "The refresh token was revoked or expired (the app's refresh token policy): obtain a new one.";
        }
        if (flow == AuthFlow.USERNAME_PASSWORD) {
            return "Check the user name and password (append the security token when the org asks for one). Orgs"
                    + " created since Summer '23 block the username-password flow altogether: use CLIENT_CREDENTIALS or JWT.";
        }
        return "Salesforce refused the grant: check the app's OAuth settings and the integration user.";
    }
}
