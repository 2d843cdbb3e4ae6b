package io.provisioning.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.support.ExchangeKeys;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class OutcomeEventsTest {

    @Test
    void onlyFinishedWritesOfOutboxWorkAreEvents() {
        assertTrue(OutcomeEvents.isFinishedWrite(write("success")));
        assertTrue(OutcomeEvents.isFinishedWrite(write("skipped")));
        assertTrue(OutcomeEvents.isFinishedWrite(write("failure")));
        assertFalse(OutcomeEvents.isFinishedWrite(write("retrying")), "a retried attempt is no outcome yet");
        Exchange notAWrite = new DefaultExchange(new DefaultCamelContext());
        notAWrite.setProperty(ExchangeKeys.REPORT_STATUS, "success");
        assertFalse(OutcomeEvents.isFinishedWrite(notAWrite), "a mail or an import has no outbox item");
    }

    private static Exchange write(String status) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(ExchangeKeys.OUTBOX_ITEM, "item");
        exchange.setProperty(ExchangeKeys.REPORT_STATUS, status);
        return exchange;
    }
}
