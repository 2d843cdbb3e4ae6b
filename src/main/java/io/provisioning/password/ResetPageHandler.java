package io.provisioning.password;

import io.provisioning.directory.User;
import io.provisioning.directory.UserDirectory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /reset-password?token=…} shows the form for a valid link; {@code POST /reset-password} checks the form
 * (anti-forgery value, token, the password rule) and hands the new password to the {@code password-sync} route, then
 * shows the outcome. Invalid, used, superseded and expired links get a clear page; failed look-ups count against the
 * client's limit.
 */
public class ResetPageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ResetPageHandler.class);
    static final String ASK_FOR_A_NEW_LINK = "Ask for a new one: send a mail with the subject \"reset password\" from"
            + " your registered address, or contact your administrator.";

    private final ResetTokens tokens;
    private final CsrfTokens csrf;
    private final PasswordRule rule;
    private final AttemptLimiter limiter;
    private final UserDirectory directory;
    private final PasswordSync sync;
    private final ActivationStates states;

    public ResetPageHandler(
            ResetTokens tokens,
            CsrfTokens csrf,
            PasswordRule rule,
            AttemptLimiter limiter,
            UserDirectory directory,
            PasswordSync sync,
            ActivationStates states) {
        this.tokens = tokens;
        this.csrf = csrf;
        this.rule = rule;
        this.limiter = limiter;
        this.directory = directory;
        this.sync = sync;
        this.states = states;
    }

    public void show(Exchange exchange) {
        String client = FormFields.client(exchange);
        Object token = exchange.getMessage().getHeader("token");
        exchange.getMessage().removeHeaders("*");
        if (limiter.blocked(client)) {
            tooMany(exchange);
            return;
        }
        TokenCheck check = tokens.check(token instanceof String t ? t : null);
        if (!check.valid()) {
            invalid(exchange, client, check);
            return;
        }
        User user = directory.get(check.userId());
        html(exchange, 200, ResetPage.form((String) token, csrf.forToken(check.hash()), user.firstName(), rule, null));
    }

    /**
     * Afterwards either the answer page (nothing to set), or the {@link PasswordChange} in the
     * {@link PasswordSync#CHANGE} property and the steps as body.
     */
    public void submit(Exchange exchange) {
        String client = FormFields.client(exchange);
        boolean fieldsInQuery = FormFields.inQuery(exchange);
        Map<String, String> form = FormFields.take(exchange);
        if (fieldsInQuery) {
            html(
                    exchange,
                    400,
                    ResetPage.message(
                            "Form not accepted",
                            "The form's fields must be sent in the request body, never in the address. Open the link from"
                                    + " your mail again and use the form.",
                            false));
            return;
        }
        if (limiter.blocked(client)) {
            tooMany(exchange);
            return;
        }
        TokenCheck check = tokens.check(form.get("token"));
        if (!check.valid()) {
            invalid(exchange, client, check);
            return;
        }
        if (!csrf.matches(check.hash(), form.get("csrf"))) {
            limiter.failed(client);
            html(
                    exchange,
                    403,
                    ResetPage.message(
                            "Form expired",
                            "This form cannot be used any more. Open the link from your mail again.",
                            false));
            return;
        }
        User user = directory.get(check.userId());
        String password = form.getOrDefault("password", "");
        String problem = rule.violation(password, userInputs(user))
                .orElse(password.equals(form.get("confirm")) ? null : "The two passwords are not the same.");
        if (problem != null) {
            html(exchange, 400, ResetPage.form(form.get("token"), form.get("csrf"), user.firstName(), rule, problem));
            return;
        }
        // Taken before any call: a second submit of the same link (concurrent or later) stops here with 410.
        if (!tokens.claim(check.hash())) {
            TokenCheck now = tokens.check(form.get("token"));
            invalid(
                    exchange,
                    client,
                    now.valid() ? new TokenCheck(TokenCheck.Status.IN_USE, now.userId(), now.hash()) : now);
            return;
        }
        exchange.setProperty(
                PasswordSync.CHANGE, new PasswordChange(user.id(), user.userName(), check.hash(), password));
        // The token goes back into the form should Salesforce refuse the password.
        exchange.setProperty("resetToken", form.get("token"));
        exchange.getMessage().setBody(sync.steps(user.id()));
    }

    /** After the {@code password-sync} route: the password is wiped, the outcome shown and recorded. */
    public void completed(Exchange exchange) {
        PasswordChange change = exchange.getProperty(PasswordSync.CHANGE, PasswordChange.class);
        String token = exchange.getProperty("resetToken", String.class);
        forget(exchange);
        List<PasswordChange.Outcome> outcomes = change.outcomes();
        List<PasswordChange.Outcome> rejected =
                outcomes.stream().filter(o -> "rejected".equals(o.status())).toList();
        List<PasswordChange.Outcome> failed =
                outcomes.stream().filter(o -> "failure".equals(o.status())).toList();
        List<String> setIn = outcomes.stream()
                .filter(o -> "success".equals(o.status()))
                .map(PasswordChange.Outcome::application)
                .toList();
        User user = directory.get(change.userId());
        if (!setIn.isEmpty() && (!rejected.isEmpty() || !failed.isEmpty())) {
            // Partly set: the link is used up (it changed a password), the user asks for a new one.
            tokens.finish(change.tokenHash());
            String notSet = Stream.concat(rejected.stream(), failed.stream())
                    .map(o -> o.application() + " (" + (o.message() == null ? o.code() : o.message()) + ")")
                    .collect(Collectors.joining(", "));
            states.set(
                    change.userId(),
                    ActivationStates.FAILED,
                    "Password set in " + String.join(", ", setIn) + " but not in " + notSet);
            html(
                    exchange,
                    502,
                    ResetPage.message(
                            "Password set only in part",
                            "Your new password was set in " + String.join(", ", setIn) + " but not in " + notSet
                                    + ". This link cannot be used again: " + ASK_FOR_A_NEW_LINK,
                            false));
            return;
        }
        if (!rejected.isEmpty() || !failed.isEmpty()) {
            // Nothing was set anywhere: the link is valid again for another try.
            tokens.release(change.tokenHash());
        }
        if (!rejected.isEmpty()) {
            String reasons = rejected.stream()
                    .map(o -> o.message() == null ? o.code() : o.message())
                    .distinct()
                    .collect(Collectors.joining(" "));
            html(
                    exchange,
                    400,
                    ResetPage.form(
                            token,
                            csrf.forToken(change.tokenHash()),
                            user.firstName(),
                            rule,
                            "Salesforce did not accept this password: " + reasons + " Please choose another one."));
        } else if (!failed.isEmpty()) {
            String reason = failed.stream()
                    .map(o -> o.application() + ": " + o.code() + " " + o.message())
                    .collect(Collectors.joining("; "));
            states.set(change.userId(), ActivationStates.FAILED, "Password not set in " + reason);
            html(
                    exchange,
                    503,
                    ResetPage.message(
                            "Password not set",
                            "Your password could not be set right now. Please try again later with the same link.",
                            false));
        } else {
            tokens.finish(change.tokenHash());
            states.set(change.userId(), ActivationStates.ACTIVATED, null);
            html(
                    exchange,
                    200,
                    ResetPage.message("Password set", "Your password has been set. You can now sign in.", true));
        }
    }

    /** Called by the route's error handler: a plain page, never a stack trace; the password is wiped. */
    public void error(Exchange exchange) {
        PasswordChange change = exchange.getProperty(PasswordSync.CHANGE, PasswordChange.class);
        boolean setSomewhere = change != null && change.outcomes().stream().anyMatch(o -> "success".equals(o.status()));
        if (change != null) {
            // the link was claimed: used up if a password was set, else valid again
            if (setSomewhere) {
                tokens.finish(change.tokenHash());
            } else {
                tokens.release(change.tokenHash());
            }
        }
        forget(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("Reset page failed: {}", cause == null ? "unknown error" : cause.toString());
        exchange.getMessage().removeHeaders("*");
        html(
                exchange,
                500,
                ResetPage.message(
                        "Something went wrong",
                        setSomewhere
                                ? "Your password may have been changed in part. This link cannot be used again: "
                                        + ASK_FOR_A_NEW_LINK
                                : "Your password was not changed. Please try again later.",
                        false));
    }

    private static void forget(Exchange exchange) {
        PasswordChange change = exchange.getProperty(PasswordSync.CHANGE, PasswordChange.class);
        if (change != null) {
            change.wipe();
        }
        exchange.removeProperty(PasswordSync.CHANGE);
        exchange.removeProperty("resetToken");
    }

    private void invalid(Exchange exchange, String client, TokenCheck check) {
        String text =
                switch (check.status()) {
                    case EXPIRED -> "This link has expired. " + ASK_FOR_A_NEW_LINK;
                    case USED -> "This link was already used. Each link works only once.";
                    case IN_USE -> "This link was just used by another submit of the form, and each link works only once."
                            + " If your password was not set: " + ASK_FOR_A_NEW_LINK;
                    case REVOKED -> "This link was withdrawn because your account changed (deactivated, or a new e-mail"
                            + " address). " + ASK_FOR_A_NEW_LINK;
                    case SUPERSEDED -> "A newer mail was sent to you: use the link in the most recent mail.";
                    default -> "This link is not valid. Check that you copied the whole link from your mail.";
                };
        if (check.status() == TokenCheck.Status.UNKNOWN) {
            limiter.failed(client);
        }
        html(
                exchange,
                check.status() == TokenCheck.Status.UNKNOWN ? 404 : 410,
                ResetPage.message("Link not valid", text, false));
    }

    /** What the password must not be built from: the user's own names and addresses. */
    private static List<String> userInputs(User user) {
        return Stream.of(user.userName(), user.email(), user.firstName(), user.lastName(), user.company())
                .filter(Objects::nonNull)
                .toList();
    }

    private static void tooMany(Exchange exchange) {
        html(
                exchange,
                429,
                ResetPage.message(
                        "Too many attempts", "Too many invalid attempts. Wait a minute and try again.", false));
    }

    private static void html(Exchange exchange, int status, String page) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("X-Frame-Options", "DENY");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        message.setBody(page);
    }
}
