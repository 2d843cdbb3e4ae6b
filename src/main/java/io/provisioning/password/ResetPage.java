package io.provisioning.password;

import io.provisioning.support.Html;

/** The reset page's HTML: small, accessible, no external assets, every value escaped. */
public final class ResetPage {

    private static final String STYLE =
            "body{font-family:system-ui,sans-serif;max-width:32em;margin:2em auto;padding:0 1em;"
                    + "line-height:1.5}label{display:block;margin-top:1em;font-weight:600}input{font-size:1em;padding:.4em;width:100%;"
                    + "box-sizing:border-box}button{margin-top:1.2em;font-size:1em;padding:.5em 1.2em}"
                    + ".error{color:#a00000;border:2px solid #a00000;padding:.5em}.ok{color:#006000}";

    private ResetPage() {}

    /** The form; {@code error} (may be null) is shown above it. */
    public static String form(String token, String csrf, String firstName, PasswordRule rule, String error) {
        String greeting = firstName == null || firstName.isBlank()
                ? "Choose your password"
                : "Hello " + Html.escape(firstName) + ", choose your password";
        return page(
                "Choose your password",
                "<h1>" + greeting + "</h1>"
                        + (error == null
                                ? ""
                                : "<p class=\"error\" role=\"alert\" id=\"error\">" + Html.escape(error) + "</p>")
                        + "<form method=\"post\" action=\"/reset-password\">"
                        + "<input type=\"hidden\" name=\"token\" value=\"" + Html.escape(token) + "\">"
                        + "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(csrf) + "\">"
                        + "<p id=\"rules\">" + Html.escape(rule.describe()) + "</p>"
                        + "<label for=\"password\">New password</label>"
                        + "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\" required"
                        + " minlength=\"" + rule.minLength() + "\" aria-describedby=\"rules\">"
                        + "<label for=\"confirm\">Repeat the password</label>"
                        + "<input type=\"password\" id=\"confirm\" name=\"confirm\" autocomplete=\"new-password\" required>"
                        + "<button type=\"submit\" id=\"submit\">Set password</button></form>");
    }

    public static String message(String title, String text, boolean success) {
        return page(
                title,
                "<h1>" + Html.escape(title) + "</h1><p class=\"" + (success ? "ok" : "error") + "\" role=\""
                        + (success ? "status" : "alert") + "\" id=\"message\">" + Html.escape(text) + "</p>");
    }

    private static String page(String title, String content) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + "</title><style>" + STYLE + "</style></head>"
                + "<body><main>" + content + "</main></body></html>";
    }
}
