package io.provisioning.password;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The reset form's anti-forgery value: an HMAC of the reset token's hash under a server key, so a form only posts
 * for the link it was served for. Several instances need the same key ({@code provisioning.password.form-key}).
 */
class CsrfTokens {

    private final SecretKeySpec key;

    public CsrfTokens(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public String forToken(String tokenHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(tokenHash.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean matches(String tokenHash, String presented) {
        return TokenHash.same(forToken(tokenHash), presented);
    }
}
