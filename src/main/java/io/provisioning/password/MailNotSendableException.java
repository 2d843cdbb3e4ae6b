package io.provisioning.password;

/** A mail that can never be sent (no address, inactive user): not retried. */
public class MailNotSendableException extends RuntimeException {

    public MailNotSendableException(String message) {
        super(message);
    }
}
