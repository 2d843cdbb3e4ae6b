package io.provisioning.password;

/**
 * An application as password sync sees it: its name (also its camel-salesforce component), target sObject, whether
 * its Password Sync switch is on, and the Salesforce API version of its calls.
 */
public record PasswordTarget(String application, String sObject, boolean passwordSync, String apiVersion) {}
