package dev.portcullis.auth.authorize;

import dev.portcullis.auth.user.Passwords;
import dev.portcullis.auth.user.SignInThrottle;
import dev.portcullis.auth.user.User;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * A sign-in with username and password, the one routine behind both sign-in forms ({@link SignInResource},
 * {@code AccountSignInResource}): brute-force throttling ({@link SignInThrottle}), the password check
 * ({@link Passwords}) with one message for every cause (no user enumeration), and a new session
 * ({@link SignInSessions}). Each form checks its own CSRF token first and shows itself again on a refusal. Callers
 * provide the transaction; a refusal is a result, not an exception, so that the counted failure is committed.
 */
@ApplicationScoped
public class PasswordSignIn {

    @Inject
    Passwords passwords;

    @Inject
    SignInThrottle throttle;

    @Inject
    SignInSessions sessions;

    /**
     * How an attempt ended: a session started, or a refusal for the form to show again with its status.
     *
     * @param retryAfterSeconds for a 429, when to try again; else 0
     */
    public record Attempt(SignInSessions.Started started, int status, String error, long retryAfterSeconds) {

        public boolean succeeded() {
            return started != null;
        }

        /** The form shown again, with {@code Retry-After} when the refusal says when to try again (RFC 6585 §4). */
        public Response refusal(Response form) {
            return retryAfterSeconds == 0 ? form
                    : Response.fromResponse(form).header("Retry-After", Long.toString(retryAfterSeconds)).build();
        }
    }

    public Attempt attempt(String username, String password, HttpServerRequest http) {
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        long wait = throttle.retryAfterSeconds(username, address);
        if (wait > 0) {
            // Brute-force protection: 429 with Retry-After (RFC 6585 §4), the password is not even checked
            return new Attempt(null, 429, "Too many failed attempts. Try again in " + wait + " seconds.", wait);
        }
        Optional<User> user = passwords.authenticate(username, password);
        if (user.isEmpty()) {
            throttle.failed(username, address);
            return new Attempt(null, 401, "Incorrect username or password.", 0);
        }
        throttle.succeeded(username);
        return new Attempt(sessions.start(user.get().id), 200, null, 0);
    }
}
