package io.provisioning.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.support.Html;
import io.provisioning.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.junit.jupiter.api.Test;

/** The small parts of password sync, each on its own. */
class PasswordPartsTest {

    @Test
    void tokensCarry256RandomBitsAndOnlyTheirHashIsComparable() {
        String token = TokenHash.newToken();
        assertTrue(TokenHash.wellFormed(token));
        assertNotEquals(token, TokenHash.newToken());
        assertEquals(64, TokenHash.sha256(token).length());
        assertTrue(TokenHash.same(TokenHash.sha256(token), TokenHash.sha256(token)));
        assertFalse(TokenHash.wellFormed("<script>"));
        assertFalse(TokenHash.same(null, "x"));
    }

    @Test
    void theRuleFollowsNist80063b() {
        PasswordRule rule = new PasswordRule(12, 64, 3);
        List<String> ada = List.of("ada.lovelace@example.com", "Ada", "Lovelace", "Analytical Engines");
        assertTrue(rule.violation("Tr0ub4dor&3", ada).orElseThrow().contains("too short"), "11 characters");
        assertTrue(rule.violation("x".repeat(65), ada).orElseThrow().contains("too long"));
        // common and guessable, whatever their length or mix of character classes
        for (String weak : List.of(
                "password1234",
                "Password123!",
                "qwertyuiopasdf",
                "123456789012",
                "aaaaaaaaaaaa",
                "iloveyou2024!",
                "AdaLovelace1815",
                "my analytical mind 77",
                "ada.lovelace@example.com!")) {
            String reason = rule.violation(weak, ada).orElse(null);
            assertTrue(
                    reason != null && reason.startsWith("This password is too easy to guess."), weak + ": " + reason);
        }
        assertTrue(
                rule.violation("password1234", ada).orElseThrow().length()
                        > "This password is too easy to guess.".length(),
                "zxcvbn's reason is shown");
        // no composition rules: long unrelated words pass without digits or symbols; so do spaces and other scripts
        for (String strong : List.of(
                "correct staple orbit tangerine",
                "quiet harbor violet engine",
                "Tangerine-Orbit-4721-Quasar",
                "мост ветер лампа гора",
                "x".repeat(3) + "kV9#qz!Lm2@p")) {
            assertTrue(rule.violation(strong, ada).isEmpty(), strong + ": " + rule.violation(strong, ada));
        }
        assertTrue(rule.describe().contains("At least 12 and at most 64 characters"));
        assertThrows(IllegalArgumentException.class, () -> new PasswordRule(8, 64, 3), "no rule below 12 characters");
    }

    @Test
    void mailValuesCannotAddLinesOrLinks() {
        assertEquals(
                "Ada  Click https[:]//evil.example/reset now",
                MailValues.neutral("Ada\r\nClick https://evil.example/reset now"));
        assertEquals("Mallory www[.]evil.example", MailValues.neutral("Mallory www.evil.example"));
        assertEquals("abc", MailValues.neutral("a\u202Eb\u200Bc\u0000"), "bidi override, zero width, NUL");
        assertEquals("javascript:alert(1)", MailValues.neutral("javascript:alert(1)"), "no scheme with // left alone");
        assertEquals("FILE[:]\\\\\\\\host\\share", MailValues.neutral("FILE:\\\\\\\\host\\share"));
        assertEquals("Zoë O'Brien-Smith", MailValues.neutral("Zoë O'Brien-Smith"));
        assertEquals("", MailValues.neutral(null));
    }

    @Test
    void csrfValuesAreBoundToOneTokenAndOneKey() {
        CsrfTokens csrf = new CsrfTokens("key-one-key-one-key-one-key-one!".getBytes());
        String value = csrf.forToken("hash-a");
        assertTrue(csrf.matches("hash-a", value));
        assertFalse(csrf.matches("hash-b", value));
        assertFalse(new CsrfTokens("another-key-another-key-another!".getBytes()).matches("hash-a", value));
        assertFalse(csrf.matches("hash-a", null));
    }

    @Test
    void theLimiterBlocksAfterMaxFailuresWithinTheWindow() {
        MutableClock clock = new MutableClock();
        AttemptLimiter limiter = new AttemptLimiter(2, Duration.ofMinutes(1), clock);
        limiter.failed("10.0.0.1");
        assertFalse(limiter.blocked("10.0.0.1"));
        limiter.failed("10.0.0.1");
        assertTrue(limiter.blocked("10.0.0.1"));
        assertFalse(limiter.blocked("10.0.0.2"));
        clock.now = clock.now.plusSeconds(61);
        assertFalse(limiter.blocked("10.0.0.1"));
    }

    @Test
    void templatesEscapeValuesOnlyInTheHtmlPart() {
        Map<String, Object> values = Map.of("firstName", "<b>Ada</b> & \"co\"", "link", "http://x/?a=1&b=2");
        assertEquals(
                "Hi &lt;b&gt;Ada&lt;/b&gt; &amp; &quot;co&quot; <a href=\"http://x/?a=1&amp;b=2\">",
                MailTemplate.fill("Hi ${firstName} <a href=\"${link}\">", values, Html::escape));
        assertEquals(
                "Hi <b>Ada</b> & \"co\" ${",
                MailTemplate.fill("Hi ${firstName}${unknown} ${", values, UnaryOperator.identity()));
    }

    @Test
    void salesforceRefusalsOfTheRawOperationAreRead() {
        String[] error = PasswordSync.error(new SalesforceException(
                "[{\"message\":\"Your password must have a mix of letters and numbers.\",\"errorCode\":\"INVALID_NEW_PASSWORD\"}]",
                400));
        assertEquals("INVALID_NEW_PASSWORD", error[0]);
        assertEquals("Your password must have a mix of letters and numbers.", error[1]);
        assertEquals("HTTP_503", PasswordSync.error(new SalesforceException("busy", 503))[0]);
    }

    @Test
    void onlyOneValidSenderAddressCounts() {
        assertEquals("ada@example.com", ResetRequestMail.sender("Ada <ada@example.com>"));
        assertNull(ResetRequestMail.sender("a@example.com, b@example.com"));
        assertNull(ResetRequestMail.sender("not an address"));
        assertNull(ResetRequestMail.sender(null));
    }

    @Test
    void mailRetriesBackOffUpToTheMaximum() {
        MailSettings settings = new MailSettings("f", "a", "r", "u", 5, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(1), settings.delayAfter(1));
        assertEquals(Duration.ofSeconds(4), settings.delayAfter(3));
        assertEquals(Duration.ofSeconds(5), settings.delayAfter(9));
        assertEquals("r", settings.subject(MailItem.RESET));
    }
}
