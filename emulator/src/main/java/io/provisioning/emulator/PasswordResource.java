package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** {@code /sobjects/User/{id}/password}: GET expiry, POST new password, DELETE reset to a generated one. */
final class PasswordResource {
    private final OrgStore store;
    private final Persistence persistence;
    private final PasswordService passwords;

    PasswordResource(OrgStore store, Persistence persistence, PasswordService passwords) {
        this.store = store;
        this.persistence = persistence;
        this.passwords = passwords;
    }

    ApiResponse handle(ApiRequest request, String userId) {
        return store.write(() -> {
            Map<String, Object> user = store.get(userId);
            if (user == null || !"User".equals(store.typeOf(userId))) {
                throw ApiException.notFound();
            }
            OrgStore.PasswordState state = store.password(userId);
            switch (request.method()) {
                case "GET":
                    return ApiResponse.json(200, Json.object().put("isExpired", state != null && state.expired()));
                case "POST": {
                    JsonNode body = Json.parseBody(request.bodyText());
                    JsonNode pw = body.get("NewPassword");
                    if (pw == null || !pw.isTextual()) {
                        throw new ApiException(
                                400,
                                ApiError.of(
                                        "REQUIRED_FIELD_MISSING",
                                        "Required fields are missing: [NewPassword]",
                                        List.of("NewPassword")));
                    }
                    passwords.checkPolicy(pw.asText());
                    save(userId, passwords.hash(pw.asText(), false));
                    return ApiResponse.noContent();
                }
                case "DELETE": {
                    String generated = passwords.generate();
                    save(userId, passwords.hash(generated, true));
                    return ApiResponse.json(200, Json.object().put("NewPassword", generated));
                }
                default:
                    throw SObjectResource.methodNotAllowed(request.method(), "GET,HEAD,POST,DELETE");
            }
        });
    }

    /** For the /emulator control: does the stored hash match this password? */
    boolean matches(String userId, String password) {
        return store.read(() -> passwords.matches(store.password(userId), password));
    }

    private void save(String userId, OrgStore.PasswordState state) {
        store.setPassword(userId, state);
        persistence.passwordStored(userId, state);
    }
}
