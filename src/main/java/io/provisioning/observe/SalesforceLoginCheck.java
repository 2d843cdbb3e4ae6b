package io.provisioning.observe;

import io.provisioning.salesforce.AuthFlow;
import io.provisioning.salesforce.LoginGuard;
import io.provisioning.salesforce.LoginHints;
import io.provisioning.salesforce.SalesforceErrorClassifier;
import io.provisioning.salesforce.SalesforceFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.camel.component.salesforce.internal.SalesforceSession;

/**
 * One application's Salesforce login, from what the bundle already knows: DOWN while {@link LoginGuard} holds the
 * application back after a failed login, UP while it holds a session. Only when it has neither does the check log in
 * itself, at most once per interval, so that probes never hammer the login endpoint (and lock the user out).
 */
class SalesforceLoginCheck implements Supplier<CheckResult> {

    private final String application;
    private final LoginGuard loginGuard;
    private final Supplier<SalesforceSession> session;
    private final Duration loginInterval;
    private final Clock clock;
    private final AuthFlow flow;
    private Instant lastLogin = Instant.MIN;
    private CheckResult lastLoginResult;

    public SalesforceLoginCheck(
            String application,
            LoginGuard loginGuard,
            Supplier<SalesforceSession> session,
            Duration loginInterval,
            Clock clock) {
        this(application, loginGuard, session, loginInterval, clock, null);
    }

    /** @param flow the application's login flow, for the likely cause of a refused login (null: not known) */
    public SalesforceLoginCheck(
            String application,
            LoginGuard loginGuard,
            Supplier<SalesforceSession> session,
            Duration loginInterval,
            Clock clock,
            AuthFlow flow) {
        this.flow = flow;
        this.application = application;
        this.loginGuard = loginGuard;
        this.session = session;
        this.loginInterval = loginInterval;
        this.clock = clock;
    }

    @Override
    public synchronized CheckResult get() {
        String paused = loginGuard.pauseReason(application);
        if (paused != null) {
            return CheckResult.down(paused + " (calls held back for "
                    + loginGuard.remainingPause(application).toSeconds() + " s)");
        }
        SalesforceSession current = session.get();
        if (current == null) {
            return CheckResult.down("the Salesforce component is not started");
        }
        if (current.getAccessToken() != null) {
            return CheckResult.ok();
        }
        Instant now = clock.instant();
        if (lastLoginResult == null || !now.isBefore(lastLogin.plus(loginInterval))) {
            lastLogin = now;
            lastLoginResult = login(current);
        }
        return lastLoginResult;
    }

    private CheckResult login(SalesforceSession current) {
        try {
            current.login(null);
            loginGuard.loginSucceeded(application);
            return CheckResult.ok();
        } catch (Exception e) {
            SalesforceFailure failure = LoginHints.explained(flow, new SalesforceErrorClassifier().classify(e));
            String reason = failure.errorCode() + ": " + failure.message();
            if (failure.loginFailed()) {
                loginGuard.loginFailed(application, reason);
            }
            return CheckResult.down(reason);
        }
    }
}
