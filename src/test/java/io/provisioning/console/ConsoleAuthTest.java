package io.provisioning.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.api.ForbiddenException;
import io.provisioning.api.UnauthorizedException;
import io.provisioning.password.AttemptLimiter;
import io.provisioning.requests.InvalidRequestException;
import io.provisioning.testsupport.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, the session as an /api credential, CSRF, idle expiry, cookie flags and the users file. */
class ConsoleAuthTest {

    private static final String TOKEN = "console-test-token-0123";
    private static final String PASSWORD = "Seven Quiet Lanterns 42";
    private final MutableClock clock = new MutableClock();
    private final ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), clock);
    private final ConsoleUsers users = new ConsoleUsers(Map.of("admin", PasswordHash.hash(PASSWORD.toCharArray())));

    private ConsoleAuth auth(ConsoleAuth.SecureCookie secure) {
        return new ConsoleAuth(
                TOKEN, true, users, sessions, secure, new AttemptLimiter(3, Duration.ofMinutes(15), Clock.systemUTC()));
    }

    @Test
    void aConsoleUserSignsInAndTheCookieIsHttpOnlyStrictAndSecureWhenAsked() {
        Exchange exchange = request("POST", "{\"userName\":\"admin\",\"password\":\"" + PASSWORD + "\"}");
        Map<String, Object> session = auth(ConsoleAuth.SecureCookie.TRUE).signIn(exchange);
        assertEquals("admin", session.get("user"));
        String cookie = exchange.getMessage().getHeader("Set-Cookie", String.class);
        assertTrue(cookie.startsWith("provisioning_console="), cookie);
        assertTrue(
                cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict") && cookie.contains("; Secure"));
        assertFalse(exchange.getMessage().getHeader("Set-Cookie", String.class).contains(PASSWORD));
    }

    @Test
    void theSessionLetsReadsThroughAndChangesOnlyWithItsCsrfValue() {
        ConsoleAuth auth = auth(ConsoleAuth.SecureCookie.AUTO);
        Exchange signIn = request("POST", "{\"token\":\"" + TOKEN + "\"}");
        String csrf = (String) auth.signIn(signIn).get("csrfToken");
        String cookie = cookieOf(signIn);
        assertFalse(signIn.getMessage().getHeader("Set-Cookie", String.class).contains("Secure"));

        assertEquals(Optional.of("api-token"), auth.user(withCookie("GET", cookie, null)));
        assertThrows(ForbiddenException.class, () -> auth.user(withCookie("POST", cookie, null)));
        assertThrows(ForbiddenException.class, () -> auth.user(withCookie("DELETE", cookie, "other")));
        assertEquals(Optional.of("api-token"), auth.user(withCookie("PATCH", cookie, csrf)));
        assertEquals(Optional.empty(), auth.user(withCookie("GET", "forged", null)));
    }

    @Test
    void anIdleSessionEndsAndSignOutEndsItAtOnce() {
        ConsoleAuth auth = auth(ConsoleAuth.SecureCookie.AUTO);
        Exchange signIn = request("POST", "{\"token\":\"" + TOKEN + "\"}");
        String csrf = (String) auth.signIn(signIn).get("csrfToken");
        String cookie = cookieOf(signIn);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(auth.user(withCookie("GET", cookie, null)).isPresent()); // used: idle time starts again
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(auth.user(withCookie("GET", cookie, null)).isPresent());
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertTrue(auth.user(withCookie("GET", cookie, null)).isEmpty());

        Exchange again = request("POST", "{\"token\":\"" + TOKEN + "\"}");
        String csrf2 = (String) auth.signIn(again).get("csrfToken");
        String cookie2 = cookieOf(again);
        assertThrows(ForbiddenException.class, () -> auth.signOut(withCookie("DELETE", cookie2, csrf)));
        auth.signOut(withCookie("DELETE", cookie2, csrf2));
        assertTrue(auth.user(withCookie("GET", cookie2, null)).isEmpty());
    }

    @Test
    void wrongCredentialsAreRefusedAndRepeatedFailuresWait() {
        ConsoleAuth auth = auth(ConsoleAuth.SecureCookie.AUTO);
        assertThrows(UnauthorizedException.class, () -> auth.signIn(request("POST", "{\"token\":\"wrong\"}")));
        assertThrows(
                UnauthorizedException.class,
                () -> auth.signIn(request("POST", "{\"userName\":\"nobody\",\"password\":\"" + PASSWORD + "\"}")));
        InvalidRequestException missing =
                assertThrows(InvalidRequestException.class, () -> auth.signIn(request("POST", "{\"userName\":\"a\"}")));
        assertEquals("password", missing.getFieldErrors().get(0).field());
        assertThrows(
                UnauthorizedException.class,
                () -> auth.signIn(request("POST", "{\"userName\":\"admin\",\"password\":\"nope\"}")));
        // three failures from this address: even the right token waits now
        UnauthorizedException blocked = assertThrows(
                UnauthorizedException.class, () -> auth.signIn(request("POST", "{\"token\":\"" + TOKEN + "\"}")));
        assertTrue(blocked.getMessage().contains("Too many"));
    }

    @Test
    void signInTakesJsonOnly() {
        Exchange form = request("POST", "token=" + TOKEN);
        form.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        assertThrows(ForbiddenException.class, () -> auth(ConsoleAuth.SecureCookie.AUTO)
                .signIn(form));
    }

    @Test
    void theUsersFileHoldsHashesOnlyAndABadLineNamesItsNumberNotItsText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "# admins\n\nadmin:" + PasswordHash.hash(PASSWORD.toCharArray()) + "\n");
        ConsoleUsers loaded = ConsoleUsers.load("provisioning.console.users-file", file);
        assertEquals(Optional.of("admin"), loaded.authenticate("admin", PASSWORD.toCharArray()));
        assertEquals(Optional.empty(), loaded.authenticate("admin", "wrong".toCharArray()));
        Files.writeString(file, "admin:" + PASSWORD + "\n");
        RuntimeException bad =
                assertThrows(RuntimeException.class, () -> ConsoleUsers.load("provisioning.console.users-file", file));
        assertTrue(bad.getMessage().contains("line 1"), bad.getMessage());
        assertFalse(bad.getMessage().contains(PASSWORD));
    }

    @Test
    void aHashIsSaltedAndCheckedAsAWhole() {
        String one = PasswordHash.hash(PASSWORD.toCharArray());
        String two = PasswordHash.hash(PASSWORD.toCharArray());
        assertFalse(one.equals(two));
        assertTrue(PasswordHash.matches(two, PASSWORD.toCharArray()));
        assertFalse(PasswordHash.matches(one.substring(0, one.length() - 2) + "AA", PASSWORD.toCharArray()));
        assertFalse(PasswordHash.matches("plain", PASSWORD.toCharArray()));
    }

    private static Exchange request(String method, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, method);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static Exchange withCookie(String method, String cookie, String csrf) {
        Exchange exchange = request(method, null);
        exchange.getMessage().setHeader("Cookie", "other=1; provisioning_console=" + cookie);
        if (csrf != null) {
            exchange.getMessage().setHeader(ConsoleAuth.CSRF_HEADER, csrf);
        }
        return exchange;
    }

    private static String cookieOf(Exchange signIn) {
        String header = signIn.getMessage().getHeader("Set-Cookie", String.class);
        return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
    }
}
