package io.provisioning.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One page of a selection, with the selection's row count per status. */
public record ReportPage(ReportQuery query, List<ReportRow> rows, Map<String, Long> totals) {

    public long total() {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", query.from().toString());
        json.put("to", query.to().toString());
        json.put("page", query.page());
        json.put("size", query.size());
        json.put("total", total());
        json.put("totals", totals);
        json.put("rows", rows.stream().map(ReportRow::toJson).toList());
        return json;
    }
}
