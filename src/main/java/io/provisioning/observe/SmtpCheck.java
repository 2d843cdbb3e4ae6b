package io.provisioning.observe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The SMTP server accepts a connection and greets (220) within the timeout. No login: the check must not need or
 * expose the mail password. For implicit TLS (smtps) a TCP connect is all that is checked.
 */
class SmtpCheck implements Supplier<CheckResult> {

    private final String host;
    private final int port;
    private final boolean implicitTls;
    private final int timeoutMs;

    public SmtpCheck(String host, int port, boolean implicitTls, int timeoutMs) {
        this.host = host;
        this.port = port;
        this.implicitTls = implicitTls;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public CheckResult get() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            if (implicitTls) {
                return CheckResult.ok();
            }
            socket.setSoTimeout(timeoutMs);
            String greeting = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return greeting != null && greeting.startsWith("220")
                    ? CheckResult.ok()
                    : CheckResult.down(host + ":" + port + " did not greet: " + greeting);
        } catch (IOException e) {
            return CheckResult.down(host + ":" + port + ": " + e.getMessage());
        }
    }
}
