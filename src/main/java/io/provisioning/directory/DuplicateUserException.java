package io.provisioning.directory;

/** A user with the same user name (case-insensitive) is already in the directory. */
public class DuplicateUserException extends RuntimeException {
    public DuplicateUserException(String userName) {
        super("A user with userName '" + userName + "' already exists");
    }
}
