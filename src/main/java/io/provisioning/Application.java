package io.provisioning;

/** Placeholder entry point; replaced by the camel-main launcher. */
public final class Application {
    public static void main(String[] args) {
    }
}
