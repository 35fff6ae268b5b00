package dev.portcullis.auth.admin;

import dev.portcullis.auth.authorize.AuthorizationCode;
import dev.portcullis.auth.authorize.PendingRequest;
import dev.portcullis.auth.authorize.Consent;
import dev.portcullis.auth.authorize.SignInSession;
import dev.portcullis.auth.token.RefreshToken;
import dev.portcullis.auth.user.Passwords;
import dev.portcullis.auth.user.User;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code user add|passwd|list}: manage users without SQL. Passwords come from stdin, never from arguments. */
@ApplicationScoped
public class UserCommand {

    static final int MIN_PASSWORD = 8;

    @Inject
    Passwords passwords;

    public int run(String... args) {
        if (args.length == 2 && "list".equals(args[1])) {
            List<User> all = QuarkusTransaction.requiringNew().call(() -> User.<User>listAll());
            all.forEach(u -> System.out.println(u.username));
            return 0;
        }
        if (args.length != 3 || !List.of("add", "passwd").contains(args[1]) || args[2].isBlank() || args[2].length() > 100) {
            System.err.println("Usage: user add NAME | user passwd NAME | user list   (the password is read from stdin)");
            return 2;
        }
        String username = args[2].trim();
        boolean exists = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(username).isPresent());
        if ("add".equals(args[1]) && exists) {
            System.err.println("User " + username + " already exists; use: user passwd " + username);
            return 1;
        }
        if ("passwd".equals(args[1]) && !exists) {
            System.err.println("No user " + username + "; use: user add " + username);
            return 1;
        }
        String password = readPassword();
        if (password == null || password.length() < MIN_PASSWORD) {
            System.err.println("The password must have at least " + MIN_PASSWORD + " characters");
            return 1;
        }
        if ("add".equals(args[1])) {
            passwords.create(username, password);
            System.out.println("Added user " + username);
        } else {
            Ended ended = QuarkusTransaction.requiringNew().call(() -> changePassword(username, password));
            System.out.println("Changed the password of " + username + "; ended " + ended.sessions() + " session(s), revoked "
                    + ended.refreshTokens() + " refresh token(s) and forgot " + ended.consents() + " remembered approval(s)");
        }
        return 0;
    }

    /** What a password change ended. */
    record Ended(long sessions, long refreshTokens, long consents) {
    }

    /**
     * Sets the password and ends everything the old one may have started: whoever knew it (the reason to change it)
     * may have signed in, let a client of theirs obtain refresh tokens, or approved that client so that a later
     * sign-in of the real user hands it a code without a consent page. So: every session ends, every refresh token is
     * revoked (rows kept, marked revoked, as revocation does), every remembered consent is forgotten, and pending
     * authorization requests and unredeemed codes of the user are deleted. Access tokens already issued live out their
     * short lifetime ({@code portcullis.token.access-lifetime}). The caller provides the transaction.
     */
    Ended changePassword(String username, String password) {
        User user = User.findByUsername(username).orElseThrow();
        user.passwordHash = BcryptUtil.bcryptHash(password);
        long sessions = SignInSession.delete("userId", user.id);
        long refreshTokens = RefreshToken.update("revoked = true where userId = ?1 and revoked = false", user.id);
        long consents = Consent.delete("id.userId = ?1", user.id);
        PendingRequest.delete("userId", user.id);
        AuthorizationCode.delete("userId", user.id);
        return new Ended(sessions, refreshTokens, consents);
    }

    private static String readPassword() {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
