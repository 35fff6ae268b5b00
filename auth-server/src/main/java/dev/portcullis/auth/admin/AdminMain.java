package dev.portcullis.auth.admin;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

/**
 * The entry point: without arguments the server runs; {@code user …} runs an operator command against the same
 * database and exits (no HTTP listener, no scheduled jobs):
 * <pre>
 *   java -jar quarkus-run.jar user add NAME      # password read from stdin
 *   java -jar quarkus-run.jar user passwd NAME   # new password from stdin; ends the user's sessions, refresh tokens, approvals
 *   java -jar quarkus-run.jar user list
 * </pre>
 */
@QuarkusMain
public class AdminMain implements QuarkusApplication {

    @Inject
    UserCommand users;

    public static void main(String... args) {
        if (args.length > 0) {
            // A command, not the server: no listener on the server's port, no scheduled purges or key rotation.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.http.port", "0");
            System.setProperty("quarkus.management.host-enabled", "false");
            System.setProperty("quarkus.management.port", "0");
            System.setProperty("quarkus.scheduler.enabled", "false");
            System.setProperty("quarkus.banner.enabled", "false");
            System.setProperty("quarkus.log.level", "WARN");
        }
        Quarkus.run(AdminMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if ("user".equals(args[0])) {
            return users.run(args);
        }
        System.err.println("Unknown command " + args[0] + ". Commands: user add NAME | user passwd NAME | user list");
        return 2;
    }
}
