package io.provisioning.scim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * Lets a SCIM request through only with {@code Authorization: Bearer <one of provisioning.scim.tokens>} (one token
 * per identity provider, separate from the admin API token) and records which provider it is. Tokens are compared
 * as SHA-256 digests in constant time, against every configured token. Without tokens SCIM is disabled: 404.
 *
 * <p>An entry is {@code name:token} (the provider's name owns what it creates) or a bare token, whose owner name is
 * derived from its digest ({@code token-<12 hex>}) so that it stays the same across restarts without being the
 * secret. Names listed in {@code provisioning.scim.admin-providers} see every user and group.
 */
public class ScimTokenGuard {

    private static final Pattern NAMED = Pattern.compile("^([A-Za-z][A-Za-z0-9._-]{0,47}):(.+)$");

    private record Entry(byte[] digest, ScimProvider provider) {}

    private final List<Entry> entries;

    public ScimTokenGuard(List<String> tokens, List<String> adminProviders) {
        Set<String> admins =
                new HashSet<>(adminProviders.stream().map(String::trim).toList());
        Set<String> names = new HashSet<>();
        List<Entry> parsed = new ArrayList<>();
        for (String raw : tokens) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher named = NAMED.matcher(entry);
            String token = named.matches() ? named.group(2) : entry;
            byte[] digest = digest(token);
            String name = named.matches()
                    ? named.group(1)
                    : "token-" + HexFormat.of().formatHex(digest).substring(0, 12);
            if (!names.add(name)) {
                throw new IllegalArgumentException("provisioning.scim.tokens names the provider '" + name + "' twice");
            }
            parsed.add(new Entry(digest, new ScimProvider(name, admins.contains(name))));
        }
        this.entries = List.copyOf(parsed);
    }

    public ScimTokenGuard(List<String> tokens) {
        this(tokens, List.of());
    }

    public boolean enabled() {
        return !entries.isEmpty();
    }

    /** The providers, for the start-up log (names only). */
    public List<ScimProvider> providers() {
        return entries.stream().map(Entry::provider).toList();
    }

    public void check(Exchange exchange) {
        exchange.setProperty(
                ScimProvider.PROPERTY, authenticate(exchange.getMessage().getHeader("Authorization", String.class)));
    }

    /** The provider whose token the {@code Authorization} header carries; 401 (404 when SCIM is disabled) otherwise. */
    public ScimProvider authenticate(String authorization) {
        if (entries.isEmpty()) {
            throw new ScimException(
                    404, null, "SCIM is disabled: no provisioning.scim.tokens (PROVISIONING_SCIM_TOKENS) configured");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ScimException.unauthorized("A bearer token is required");
        }
        byte[] given = digest(authorization.substring(7).trim());
        ScimProvider match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), given)) { // every entry is compared: no early exit
                match = entry.provider();
            }
        }
        if (match == null) {
            throw ScimException.unauthorized("The bearer token is not valid");
        }
        return match;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
