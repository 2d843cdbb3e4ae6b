package io.provisioning.directory;

/**
 * One validated row of a bulk file. {@code invalid} explains a row that cannot be applied at all; {@code newUser} is
 * the row as a new user (null with {@code createError} when it lacks what a new user needs); {@code patch} is the row
 * as a change to an existing user (only the columns it fills).
 */
public record BulkRow(
        long rowNo,
        String action,
        String userName,
        NewUser newUser,
        String createError,
        UserPatch patch,
        String invalid) {

    public static final String UPSERT = "upsert";
    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";

    public static BulkRow invalid(long rowNo, String action, String userName, String reason) {
        return new BulkRow(rowNo, action, userName, null, null, null, reason);
    }
}
