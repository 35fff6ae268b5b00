package dev.portcullis.auth.authorize;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.crypto.RandomTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Creates and resolves browser sign-in sessions (cookie {@value #COOKIE}). Callers provide the transaction. */
@ApplicationScoped
public class SignInSessions {

    public static final String COOKIE = "portcullis_session";

    @Inject
    PortcullisConfig config;

    @Inject
    RandomTokens random;

    @Inject
    Clock clock;

    /** A session just started, and the cookie that carries its id to the browser. */
    public record Started(SignInSession session, NewCookie cookie) {
        @Override
        public String toString() {
            return "Started[userId=" + session.userId + ", cookie=***]";
        }
    }

    /** A new session for the user (a fresh id on every sign-in: no session fixation). */
    public Started start(UUID userId) {
        String id = random.next();
        SignInSession session = new SignInSession();
        session.idHash = Hashes.sha256(id);
        session.userId = userId;
        session.authenticatedAt = clock.instant();
        session.expiresAt = session.authenticatedAt.plus(config.session().lifetime());
        session.persist();
        NewCookie cookie = new NewCookie.Builder(COOKIE)
                .value(id)
                .path("/")
                .httpOnly(true)
                .secure(config.issuer().startsWith("https:"))
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) config.session().lifetime().toSeconds())
                .build();
        return new Started(session, cookie);
    }

    /** The unexpired session the cookie value names, if any. */
    public Optional<SignInSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return SignInSession.<SignInSession>findByIdOptional(Hashes.sha256(cookieValue))
                .filter(s -> s.expiresAt.isAfter(now));
    }
}
