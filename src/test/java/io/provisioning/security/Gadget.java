package io.provisioning.security;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands for a deserialization gadget: its {@code readObject} runs as soon as anything deserializes it, as a real
 * gadget chain's would, and says so by flipping a flag.
 */
public class Gadget implements Serializable {

    private static final long serialVersionUID = 1L;
    static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

    private final String payload = "touch /tmp/pwned";

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        DESERIALIZED.set(true);
        in.defaultReadObject();
    }

    @Override
    public String toString() {
        return "Gadget " + payload;
    }
}
