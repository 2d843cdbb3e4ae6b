package io.provisioning.reports;

import io.provisioning.support.TokenPage;
import org.apache.camel.Exchange;

/**
 * The report page {@code GET /reports}: one self-contained HTML file (inline CSS and JS, no external assets). It
 * holds no data: the browser asks for the API token and calls {@code /api/reports} with it (see {@link TokenPage}).
 */
public class ReportWebPage {

    static final String RESOURCE = "reports/report-page.html";

    private final TokenPage page = new TokenPage(RESOURCE);

    public String html(Exchange exchange) {
        return page.render(exchange);
    }
}
