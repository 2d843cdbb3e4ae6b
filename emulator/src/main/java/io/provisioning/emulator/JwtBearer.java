package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Checks a JWT bearer assertion as Salesforce does: RS256 signed by a key whose certificate the client registered,
 * issued by the client's consumer key, for this login server, not expired, for a known user. Each refusal carries
 * the error and description a real org answers.
 */
final class JwtBearer {
    /** What a refused assertion answers (400). */
    record Refusal(String error, String description) {}

    private final ConnectedApp app;
    private final Set<String> audiences;
    private final String username;

    /** @param ownUrl the emulator's base URL, accepted as audience the way an org accepts its My Domain URL */
    JwtBearer(ConnectedApp app, String ownUrl, String username) {
        this.app = app;
        this.audiences = Set.of("https://login.salesforce.com", "https://test.salesforce.com", ownUrl);
        this.username = username;
    }

    /** @return null when the assertion is accepted */
    Refusal check(String assertion, long nowEpochSeconds) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3) {
            return new Refusal("invalid_grant", "invalid assertion");
        }
        JsonNode header = decodeJson(parts[0]);
        JsonNode claims = decodeJson(parts[1]);
        byte[] signature = decode(parts[2]);
        if (header == null
                || claims == null
                || signature == null
                || !"RS256".equals(header.path("alg").asText())) {
            return new Refusal("invalid_grant", "invalid assertion");
        }
        if (!app.clientId().equals(claims.path("iss").asText())) {
            return new Refusal("invalid_client_id", "client identifier invalid");
        }
        if (!signedByRegisteredKey(parts[0] + "." + parts[1], signature, app.certificates())) {
            return new Refusal("invalid_grant", "invalid assertion");
        }
        if (!audiences.contains(stripSlash(claims.path("aud").asText()))) {
            return new Refusal("invalid_grant", "Audience validation failed");
        }
        long exp = expiry(claims.path("exp"));
        if (exp <= nowEpochSeconds) {
            return new Refusal("invalid_grant", "expired authorization code");
        }
        if (!username.equalsIgnoreCase(claims.path("sub").asText())) {
            return new Refusal("invalid_grant", "user hasn't approved this consumer");
        }
        return null;
    }

    private static boolean signedByRegisteredKey(
            String signedText, byte[] signature, List<X509Certificate> certificates) {
        for (X509Certificate certificate : certificates) {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(certificate.getPublicKey());
                verifier.update(signedText.getBytes(StandardCharsets.UTF_8));
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // not an RSA certificate, or a malformed signature: this certificate does not verify it
            }
        }
        return false;
    }

    /** RFC 7519 says NumericDate; some clients (camel-salesforce among them) send it as a string of digits. */
    private static long expiry(JsonNode exp) {
        if (exp.isNumber()) {
            return exp.asLong();
        }
        String text = exp.asText("");
        return text.matches("\\d{1,12}") ? Long.parseLong(text) : 0;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static JsonNode decodeJson(String part) {
        byte[] bytes = decode(part);
        if (bytes == null) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Base64url with or without padding (camel-salesforce pads). */
    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part.replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
