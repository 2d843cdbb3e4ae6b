package io.provisioning.directory;

/** No user with that id in the directory. */
public class UserNotFoundException extends RuntimeException {
    public UserNotFoundException(String id) {
        super("No user with id '" + id + "'");
    }
}
