package io.provisioning.salesforce;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which login URLs an application may name: the built-in emulator said explicitly, an https URL, or http on a
 * loopback address (a standalone emulator). Anything else would send credentials in the clear or, when empty, used to
 * send production work to the emulator without anyone noticing.
 */
final class LoginUrls {

    private LoginUrls() {}

    /** Why {@code url} cannot be used with {@code flow}, or empty; {@code key} is the setting that names it. */
    static Optional<String> refusal(String key, String url, AuthFlow flow) {
        if (url == null || url.isBlank()) {
            return Optional.of(
                    key + " is not set: set it to the org's login URL (https://<my-domain>.my.salesforce.com,"
                            + " a sandbox https://<my-domain>--<sandbox>.sandbox.my.salesforce.com) or to 'emulator' for the"
                            + " built-in emulator");
        }
        if (url.equals(SalesforceApplication.Connection.EMULATOR)) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(
                    key + " '" + url + "' is not a URL: use https://<my-domain>.my.salesforce.com or 'emulator'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of(key + " '" + url
                    + "' is not an http(s) URL: use https://<my-domain>.my.salesforce.com or 'emulator'");
        }
        if (scheme.equals("http") && !loopback(host)) {
            return Optional.of(
                    key + " '" + url + "' is plain http to another machine: use https (http is allowed only on"
                            + " a loopback address, for a standalone emulator)");
        }
        if (flow == AuthFlow.CLIENT_CREDENTIALS
                && (host.equals("login.salesforce.com") || host.equals("test.salesforce.com"))) {
            return Optional.of(key + " '" + url + "': the client credentials flow needs the org's My Domain URL"
                    + " (https://<my-domain>.my.salesforce.com, Setup > My Domain), not " + host);
        }
        return Optional.empty();
    }

    /** The URL without a trailing slash (camel-salesforce appends {@code /services/...}). */
    static String normalize(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-f:]+")) {
            return false; // a name other than localhost: never resolved here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
