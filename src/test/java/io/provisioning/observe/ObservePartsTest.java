package io.provisioning.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.provisioning.salesforce.LoginGuard;
import io.provisioning.testsupport.MutableClock;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The observe package's parts on their own: caching, checks, the report, log lines, usage header, meters. */
class ObservePartsTest {

    @Test
    void cachedValuesAreComputedOncePerTimeToLive() {
        MutableClock clock = new MutableClock();
        AtomicInteger calls = new AtomicInteger();
        Cached<Integer> cached = new Cached<>(calls::incrementAndGet, Duration.ofSeconds(5), clock);
        assertEquals(1, cached.get());
        clock.now = clock.now.plusSeconds(4);
        assertEquals(1, cached.get());
        clock.now = clock.now.plusSeconds(1);
        assertEquals(2, cached.get());
        assertEquals(2, calls.get());
    }

    @Test
    void theReportIsDownWhenOneCheckIsDownOrThrowsAndAnswers503() {
        Map<String, Supplier<CheckResult>> checks = new LinkedHashMap<>();
        checks.put("database", CheckResult::ok);
        checks.put("smtp", () -> CheckResult.down("connection refused"));
        checks.put("inbox", () -> {
            throw new IllegalStateException("boom");
        });
        HealthReport report = new HealthReport(checks);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        Map<String, Object> answer = report.answer(exchange);
        assertEquals("DOWN", answer.get("status"));
        assertEquals(Map.of("status", "UP"), ((Map<?, ?>) answer.get("checks")).get("database"));
        assertEquals(
                Map.of("status", "DOWN", "reason", "connection refused"),
                ((Map<?, ?>) answer.get("checks")).get("smtp"));
        assertEquals(Map.of("status", "DOWN", "reason", "boom"), ((Map<?, ?>) answer.get("checks")).get("inbox"));
        assertEquals(503, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));

        Exchange healthy = new DefaultExchange(new DefaultCamelContext());
        assertEquals(
                "UP",
                new HealthReport(Map.of("database", CheckResult::ok))
                        .answer(healthy)
                        .get("status"));
        assertEquals(200, healthy.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }

    @Test
    void aHeldBackApplicationIsDownWithItsReasonWithoutLoggingIn() {
        MutableClock clock = new MutableClock();
        LoginGuard guard = new LoginGuard(Duration.ofMinutes(5), clock);
        guard.loginFailed("salesforce", "invalid_grant: authentication failure");
        SalesforceLoginCheck check = new SalesforceLoginCheck(
                "salesforce",
                guard,
                () -> {
                    throw new AssertionError("must not log in while held back");
                },
                Duration.ofMinutes(5),
                clock);
        CheckResult result = check.get();
        assertFalse(result.up());
        assertTrue(result.reason().startsWith("invalid_grant: authentication failure"), result.reason());

        guard.loginSucceeded("salesforce");
        assertNull(guard.pauseReason("salesforce"));
        SalesforceLoginCheck notStarted =
                new SalesforceLoginCheck("salesforce", guard, () -> null, Duration.ofMinutes(5), clock);
        assertFalse(notStarted.get().up());
    }

    @Test
    void smtpIsUpWhenTheServerGreetsAndDownWhenNothingListens() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread greeter = new Thread(() -> {
                try (Socket client = server.accept();
                        OutputStream out = client.getOutputStream()) {
                    out.write("220 test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    client.getInputStream().read();
                } catch (Exception ignored) {
                    // the check has hung up
                }
            });
            greeter.start();
            assertTrue(new SmtpCheck("127.0.0.1", server.getLocalPort(), false, 2000)
                    .get()
                    .up());
            greeter.join(5000);
        }
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        CheckResult down = new SmtpCheck("127.0.0.1", closed, false, 2000).get();
        assertFalse(down.up());
        assertTrue(down.reason().contains("127.0.0.1:" + closed), down.reason());
    }

    @Test
    void theInboxMustBeAWritableFolder(@TempDir Path dir) throws Exception {
        assertTrue(new InboxCheck(dir).get().up());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the probe file is removed");
        }
        Path file = Files.writeString(dir.resolve("inbox"), "x");
        CheckResult down = new InboxCheck(file).get();
        assertFalse(down.up());
        assertTrue(down.reason().contains("not a folder"), down.reason());
    }

    @Test
    void apiUsageIsReadFromTheLimitInfoHeader() {
        assertEquals(Optional.of(new ApiUsage(18, 15000)), ApiUsage.parse("api-usage=18/15000"));
        assertEquals(
                14982,
                ApiUsage.parse("api-usage=18/15000; per-app-api-usage=2/250(appName=x)")
                        .orElseThrow()
                        .remaining());
        assertEquals(Optional.empty(), ApiUsage.parse("per-app-api-usage=2/250(appName=x)"));
        assertEquals(Optional.empty(), ApiUsage.parse(null));
    }

    @Test
    void keyValueLinesQuoteWhatNeedsItAndStayOnOneLine() {
        String line = new KeyValueLine()
                .add("a", "plain")
                .add("b", null)
                .add("c", "two words")
                .add("d", "x=\"y\"\nz")
                .add("e", 42)
                .toString();
        assertEquals("a=plain c=\"two words\" d=\"x=\\\"y\\\"\\nz\" e=42", line);
        assertEquals("\"\"", KeyValueLine.quote(""));
    }

    @Test
    void operationsAreCountedAndLoggedWithTheirFields() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProvisioningMetrics metrics = new ProvisioningMetrics(
                registry, java.util.Set.of("salesforce"), () -> new OutboxBacklog.Backlog(3, 12.5));
        Map<String, Object> row = new HashMap<>(Map.of(
                "correlationId",
                "hr-1",
                "requestId",
                "outbox-7",
                "userIdentifier",
                "ada@example.com",
                "application",
                "salesforce",
                "operation",
                "create",
                "status",
                "failure",
                "durationMs",
                15L,
                "errorCode",
                "REQUIRED_FIELD_MISSING",
                "errorMessage",
                "Required fields are missing: [Company]"));
        new OperationObserver(metrics).record(List.of(row, row));
        assertEquals(
                2,
                registry.get("provisioning.operations")
                        .tags("application", "salesforce", "operation", "create", "status", "failure")
                        .counter()
                        .count());
        assertEquals(
                "kind=operation correlationId=hr-1 requestId=outbox-7 userName=ada@example.com application=salesforce"
                        + " operation=create outcome=failure durationMs=15 errorCode=REQUIRED_FIELD_MISSING"
                        + " error=\"Required fields are missing: [Company]\"",
                OperationObserver.line(row));

        for (int i = 0; i < 3; i++) {
            metrics.operation("made-up-" + i, "queue", "failure"); // e.g. named by a rejected queue message
        }
        metrics.operation("mail", "activation-mail", "success");
        assertEquals(
                3,
                registry.get("provisioning.operations")
                        .tags("application", "other")
                        .counter()
                        .count(),
                "unknown application names share one label value");
        assertEquals(
                1,
                registry.get("provisioning.operations")
                        .tags("application", "mail")
                        .counter()
                        .count());
        assertEquals(
                0,
                registry.find("provisioning.operations")
                        .tags("application", "made-up-0")
                        .counters()
                        .size());

        assertEquals(3, registry.get("provisioning.outbox.pending").gauge().value());
        assertEquals(
                12.5,
                registry.get("provisioning.outbox.oldest.pending.age").gauge().value());
        metrics.apiUsage("salesforce", new ApiUsage(10, 100));
        metrics.apiUsage("salesforce", new ApiUsage(11, 100));
        assertEquals(
                89,
                registry.get("provisioning.salesforce.api.requests.remaining")
                        .tag("application", "salesforce")
                        .gauge()
                        .value());
    }

    @Test
    void intakeCorrelationAcceptsPlainIdsOnly() {
        assertEquals("hr-4711", io.provisioning.support.Correlation.acceptOrGenerate(" hr-4711 "));
        String generated = io.provisioning.support.Correlation.acceptOrGenerate("two words\nand a newline");
        assertEquals(36, generated.length(), generated);
        assertEquals(
                36,
                io.provisioning.support.Correlation.acceptOrGenerate("x".repeat(101))
                        .length());
    }
}
