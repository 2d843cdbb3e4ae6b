package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioning.support.ExchangeKeys;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.ToLongFunction;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports of more records than the application's {@code bulk-api.threshold} read them with a Bulk API 2.0 query
 * job (issue 18, item 3): a handful of calls instead of one per 2,000 records. Each result page (CSV) becomes the
 * REST query's JSON page shape, so the importer applies it as it applies a REST page.
 */
public final class BulkQueryImport {
    public static final String USE_BULK = "bulkQuery";
    public static final String JOB = "bulkQueryJobId";
    public static final String STATE = "bulkQueryState";
    public static final String LOCATOR = "bulkQueryLocator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceApplications applications;
    private final ToLongFunction<String> thresholds;
    private final int pageSize;

    /** @param pageSize records per result page ({@code maxRecords}) */
    public BulkQueryImport(SalesforceApplications applications, ToLongFunction<String> thresholds, int pageSize) {
        this.applications = applications;
        this.thresholds = thresholds;
        this.pageSize = pageSize;
    }

    /** Body: the import's SOQL. Afterwards: the SOQL that counts what it reads (its ORDER BY dropped). */
    public String countSoql(String soql) {
        int from = soql.indexOf(" FROM ");
        int order = soql.lastIndexOf(" ORDER BY ");
        return "SELECT COUNT()" + soql.substring(from, order < 0 ? soql.length() : order);
    }

    /** Body: the count query's answer. Sets {@value #USE_BULK} when there are more records than the threshold. */
    public void choose(Exchange exchange) throws Exception {
        long total = JSON.readTree(exchange.getMessage().getBody(String.class))
                .path("totalSize")
                .asLong();
        long threshold = thresholds.applyAsLong(exchange.getProperty(ExchangeKeys.APPLICATION, String.class));
        exchange.setProperty(USE_BULK, threshold > 0 && total > threshold);
    }

    /** Body: the import's SOQL. Afterwards: the query job to create. */
    public QueryJob job(String soql) {
        QueryJob job = new QueryJob();
        job.setOperation(OperationEnum.QUERY);
        job.setQuery(soql);
        job.setContentType(ContentTypeEnum.CSV);
        return job;
    }

    /** Body: the query job as Salesforce answers it. Sets {@value #STATE}; a failed or aborted job fails the import. */
    public void state(Exchange exchange) throws SalesforceException {
        QueryJob job = exchange.getMessage().getBody(QueryJob.class);
        JobStateEnum state = job.getState();
        if (state == JobStateEnum.FAILED || state == JobStateEnum.ABORTED) {
            throw new SalesforceException("Bulk API 2.0 query job " + job.getId() + " ended " + state, 400);
        }
        exchange.setProperty(STATE, state.name());
        exchange.getMessage().setHeader("jobId", exchange.getProperty(JOB, String.class));
    }

    /** Headers of the next results call: job, locator (none for the first page), page size. */
    public void nextPage(Exchange exchange) {
        var message = exchange.getMessage();
        message.setHeader("jobId", exchange.getProperty(JOB, String.class));
        message.setHeader("maxRecords", pageSize);
        String locator = exchange.getProperty(LOCATOR, String.class);
        if (locator == null) {
            message.removeHeader("locator");
        } else {
            message.setHeader("locator", locator);
        }
    }

    /**
     * Body: a results page (CSV, header row first). Afterwards: the same records as a REST query page
     * ({@code records}, {@code done}), and {@value #LOCATOR} set to the next page's locator, or removed after the last.
     */
    public String page(Exchange exchange) throws Exception {
        String locator = exchange.getMessage().getHeader("Sforce-Locator", String.class);
        ObjectNode page = JSON.createObjectNode();
        ArrayNode records = page.putArray("records");
        try (InputStream body = exchange.getMessage().getBody(InputStream.class);
                Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
                CSVParser parser = BulkIngestCsv.WITH_HEADER.parse(reader)) {
            for (CSVRecord row : parser) {
                ObjectNode record = records.addObject();
                for (String column : parser.getHeaderNames()) {
                    String value = row.get(column);
                    if (value.isEmpty()) {
                        record.putNull(column); // a CSV result cannot tell empty from null: Salesforce means null
                    } else {
                        record.put(column, value);
                    }
                }
            }
        }
        page.put("done", true);
        if (locator == null || locator.isEmpty() || "null".equals(locator)) {
            exchange.removeProperty(LOCATOR);
        } else {
            exchange.setProperty(LOCATOR, locator);
        }
        return JSON.writeValueAsString(page);
    }
}
