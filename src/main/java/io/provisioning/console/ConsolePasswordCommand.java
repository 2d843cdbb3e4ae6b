package io.provisioning.console;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar … console-password NAME}: asks for a password (without echo on a terminal, else one line of
 * standard input) and prints the {@code NAME:hash} line for {@code provisioning.console.users-file}.
 */
public final class ConsolePasswordCommand {

    private ConsolePasswordCommand() {}

    public static int run(String name, PrintStream out) throws IOException {
        if (name == null || name.isBlank() || name.contains(":")) {
            out.println("usage: console-password NAME   (a name without ':'; the password is read from the terminal)");
            return 2;
        }
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("Password for %s: ", name);
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length < 12) {
            out.println("The password needs at least 12 characters");
            return 1;
        }
        out.println(name.strip() + ":" + PasswordHash.hash(password));
        java.util.Arrays.fill(password, '\0');
        return 0;
    }
}
