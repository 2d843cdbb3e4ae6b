package io.provisioning.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void passwordsAndTokensInUrlsAndMessagesAreMasked() {
        assertEquals(
                "jdbc:postgresql://db:5432/p?user=app&password=***&ssl=true",
                Redaction.redact("jdbc:postgresql://db:5432/p?user=app&password=s3cr3t&ssl=true"));
        assertEquals(
                "jdbc:h2:tcp://h/db;USER=sa;PASSWORD=***", Redaction.redact("jdbc:h2:tcp://h/db;USER=sa;PASSWORD=pw"));
        assertEquals(
                "Failed to connect to amqp://app:***@broker:5672 (token=***)",
                Redaction.redact("Failed to connect to amqp://app:hunter2@broker:5672 (token=abc.def)"));
        assertEquals("Connection refused: localhost:5432", Redaction.redact("Connection refused: localhost:5432"));
        assertNull(Redaction.redact(null));
    }

    @Test
    void oauthFormFieldsAreMasked() {
        assertEquals(
                "grant_type=password&client_id=abc&client_secret=***&username=u&password=***",
                Redaction.redact("grant_type=password&client_id=abc&client_secret=s3cr3t&username=u&password=pw"));
        assertEquals("refresh_token=*** id_token=***", Redaction.redact("refresh_token=r1.x id_token=i2"));
        assertEquals(
                "tcp://broker:61616?user=app&brokerPassword=***",
                Redaction.redact("tcp://broker:61616?user=app&brokerPassword=p"));
    }

    @Test
    void jsonSecretMembersAreMasked() {
        assertEquals(
                "{\"userName\":\"ada\",\"password\":\"***\"}",
                Redaction.redact("{\"userName\":\"ada\",\"password\":\"p@ss \\\"quoted\\\" word\"}"));
        assertEquals(
                "{\"client_secret\" : \"***\", \"access_token\":\"***\", \"apiToken\":\"***\", \"NewPassword\":\"***\"}",
                Redaction.redact(
                        "{\"client_secret\" : \"cs\", \"access_token\":\"00D!AQ\", \"apiToken\":\"t\", \"NewPassword\":\"x\"}"));
        assertEquals(
                "{\"tokenCount\":3,\"secretary\":\"Bob\"}",
                Redaction.redact("{\"tokenCount\":3,\"secretary\":\"Bob\"}"),
                "numbers and names that only contain a secret word stay");
    }

    @Test
    void authorizationValuesAreMasked() {
        assertEquals(
                "Authorization: Bearer *** was refused",
                Redaction.redact("Authorization: Bearer eyJh.bG9n-_x/+= was refused"));
        assertEquals("Authorization=Basic ***", Redaction.redact("Authorization=Basic dXNlcjpwdw=="));
        assertEquals("bearer ***", Redaction.redact("bearer abc123"));
    }
}
