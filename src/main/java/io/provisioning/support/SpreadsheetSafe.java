package io.provisioning.support;

/** CSV cells that a spreadsheet would run as a formula ({@code = + - @}, tab, CR first) get a leading quote. */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {}

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
