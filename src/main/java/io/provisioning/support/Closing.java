package io.provisioning.support;

import org.apache.camel.support.service.ServiceSupport;

/** Closes a resource (pool, embedded server) when Camel stops, after the routes that use it. */
public final class Closing extends ServiceSupport {

    private final AutoCloseable resource;

    public Closing(AutoCloseable resource) {
        this.resource = resource;
    }

    @Override
    protected void doStop() throws Exception {
        resource.close();
    }
}
