package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /services/oauth2/token} and {@code /services/oauth2/revoke}. The client is checked as an org checks its
 * Connected App: unknown consumer key, wrong secret, unsigned or foreign JWTs, and the blocked password flow are
 * refused with Salesforce's error and description.
 */
final class OAuthResource {
    static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private final EmulatorSettings settings;
    private final TokenStore tokens;
    private final String baseUrl;

    OAuthResource(EmulatorSettings settings, TokenStore tokens, String baseUrl) {
        this.settings = settings;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
    }

    ApiResponse token(ApiRequest request) {
        if (!request.method().equals("POST")) {
            return oauthError("invalid_request", "must use HTTP POST");
        }
        Map<String, String> form = new HashMap<>(request.query());
        form.putAll(parseForm(request.bodyText()));
        String grant = form.get("grant_type");
        if (grant == null) {
            return oauthError("unsupported_grant_type", "grant type not supported");
        }
        String userId = Org.INTEGRATION_USER_ID;
        ConnectedApp app = settings.app();
        String clientId = form.get("client_id");
        // JWT may name the client only as the assertion's issuer; every other grant must name it
        if ((clientId != null || !grant.equals(JWT_GRANT)) && !app.clientId().equals(clientId) && isKnownGrant(grant)) {
            return oauthError("invalid_client_id", "client identifier invalid");
        }
        boolean secretRequired = grant.equals("password") || grant.equals("client_credentials");
        String secret = form.get("client_secret");
        if ((secretRequired || (grant.equals("refresh_token") && secret != null && !secret.isEmpty()))
                && !app.clientSecret().equals(secret)) {
            return oauthError("invalid_client", "invalid client credentials");
        }
        switch (grant) {
            case "password": {
                // a blocked flow answers like a wrong password; only the org's login history tells them apart
                if (!app.passwordFlowAllowed()
                        || !settings.username().equalsIgnoreCase(form.getOrDefault("username", ""))
                        || !settings.password().equals(form.get("password"))) {
                    return oauthError("invalid_grant", "authentication failure");
                }
                String refresh = tokens.issueRefresh(userId);
                ObjectNode body = success(tokens.issueAccess(userId, refresh), true);
                body.put("refresh_token", refresh);
                return ApiResponse.json(200, body);
            }
            case "client_credentials":
                // Runs as the integration user, like a connected app's "Run As" user.
                return ApiResponse.json(
                        200, success(tokens.issueAccess(userId, null), true).put("scope", "api"));
            case "refresh_token": {
                String user = tokens.refreshUser(form.get("refresh_token"));
                if (user == null) {
                    return oauthError("invalid_grant", "expired access/refresh token");
                }
                return ApiResponse.json(200, success(tokens.issueAccess(user, form.get("refresh_token")), true));
            }
            case JWT_GRANT: {
                JwtBearer.Refusal refusal = new JwtBearer(app, baseUrl, settings.username())
                        .check(form.get("assertion"), System.currentTimeMillis() / 1000);
                if (refusal != null) {
                    return oauthError(refusal.error(), refusal.description());
                }
                ObjectNode body = Json.object();
                body.put("access_token", tokens.issueAccess(userId, null));
                body.put("scope", "api");
                body.put("instance_url", baseUrl);
                body.put("id", identityUrl());
                body.put("token_type", "Bearer");
                return ApiResponse.json(200, body);
            }
            default:
                return oauthError("unsupported_grant_type", "grant type not supported");
        }
    }

    ApiResponse revoke(ApiRequest request) {
        String token = request.param("token");
        if (token == null) {
            token = parseForm(request.bodyText()).get("token");
        }
        if (token == null || !tokens.revoke(token)) {
            return oauthError("invalid_token", "invalid token");
        }
        return ApiResponse.empty(200);
    }

    String identityUrl() {
        return baseUrl + "/id/" + Org.ORG_ID + "/" + Org.INTEGRATION_USER_ID;
    }

    private ObjectNode success(String accessToken, boolean signed) {
        ObjectNode body = Json.object();
        String issuedAt = Long.toString(System.currentTimeMillis());
        body.put("access_token", accessToken);
        body.put("instance_url", baseUrl);
        body.put("id", identityUrl());
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        if (signed) {
            body.put("signature", signature(identityUrl() + issuedAt));
        }
        return body;
    }

    private static String signature(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isKnownGrant(String grant) {
        return switch (grant) {
            case "password", "client_credentials", "refresh_token", JWT_GRANT -> true;
            default -> false;
        };
    }

    static ApiResponse oauthError(String error, String description) {
        return ApiResponse.json(400, Json.object().put("error", error).put("error_description", description));
    }

    static Map<String, String> parseForm(String text) {
        Map<String, String> out = new HashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }
}
