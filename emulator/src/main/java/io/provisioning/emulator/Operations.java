package io.provisioning.emulator;

import java.util.List;

/** Names each /services/data call's operation, for fault matching and call statistics. */
final class Operations {
    private Operations() {}

    /** {@code rest} = segments after the version segment. */
    static String classify(String method, List<String> rest) {
        if (rest.isEmpty()) {
            return "describe";
        }
        switch (rest.get(0)) {
            case "query":
            case "queryAll":
                return "query";
            case "composite":
                return "composite";
            case "limits":
                return "limits";
            case "jobs":
                // an upload on its own, so a test can lose its answer and see the client resume
                return method.equals("PUT") ? "bulk-upload" : "bulk";
            case "sobjects":
                return sobjects(method, rest);
            default:
                return "other";
        }
    }

    private static String sobjects(String method, List<String> rest) {
        int n = rest.size() - 1; // segments after "sobjects"
        if (n <= 1) {
            return method.equals("POST") ? "create" : "describe";
        }
        if (n == 2 && rest.get(2).equals("describe")) {
            return "describe";
        }
        if (n == 3 && rest.get(3).equals("password")) {
            return "password";
        }
        return switch (method) {
            case "GET" -> "get";
            case "DELETE" -> "delete";
            case "PATCH" -> n == 3 ? "upsert" : "update";
            default -> "other";
        };
    }
}
