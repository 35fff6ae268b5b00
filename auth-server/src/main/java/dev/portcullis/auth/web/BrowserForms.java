package dev.portcullis.auth.web;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.crypto.RandomTokens;
import dev.portcullis.auth.error.PageProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF token of every browser form, one mechanism for all of them: the hidden {@code csrf_token} is an HMAC,
 * keyed with a secret only this browser holds in an HttpOnly cookie, of what the form is for. A page on another site
 * can neither read that cookie nor compute the token, and a token taken from the attacker's own browser is useless in
 * the victim's (login CSRF, RFC 6749 §10.12, OAuth 2.1 §7.11).
 *
 * <ul>
 *   <li>Before sign-in (the two sign-in forms) the secret is the pre-session cookie {@value #PRE_SESSION_COOKIE},
 *       set by the page that shows the form.</li>
 *   <li>Signed in (consent, account revoke) it is the session cookie ({@code portcullis_session}).</li>
 * </ul>
 * {@link CrossSiteForms} also refuses cross-site form posts by their {@code Origin} and {@code Sec-Fetch-Site}.
 */
@ApplicationScoped
public class BrowserForms {

    /** The pre-session cookie: a random secret that binds the sign-in forms to the browser they were shown in. */
    public static final String PRE_SESSION_COOKIE = "portcullis_login_csrf";

    /** What {@link RandomTokens#next()} produces; anything else in the cookie is replaced. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    @Inject
    RandomTokens random;

    @Inject
    PortcullisConfig config;

    /** The browser's pre-session secret and the cookie that (re)sets it. */
    public record PreSession(String secret, NewCookie cookie) {
        @Override
        public String toString() {
            return "PreSession[***]";
        }
    }

    /**
     * The pre-session secret for a page with a sign-in form: the browser's own when it already has one (several tabs
     * may each show a sign-in form), else a new one. The cookie is SameSite=Lax like the session cookie: a cross-site
     * POST never carries it, while the top-level navigation from the client to /authorize does, so concurrent sign-ins
     * in several tabs share one secret.
     */
    public PreSession preSession(String cookieValue) {
        String secret = cookieValue != null && WELL_FORMED.matcher(cookieValue).matches() ? cookieValue : random.next();
        NewCookie cookie = new NewCookie.Builder(PRE_SESSION_COOKIE).value(secret).path("/").httpOnly(true)
                .secure(config.issuer().startsWith("https:")).sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) config.authorize().requestLifetime().toSeconds()).build();
        return new PreSession(secret, cookie);
    }

    /** The form token for {@code purpose} (e.g. {@code "consent:" + request secret}) in the browser holding {@code secret}. */
    public String token(String secret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("portcullis-form:" + purpose).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * Checks the posted token; a page (400) that says what to do otherwise. {@code secret} is the cookie the browser
     * sent (null when it sent none).
     */
    public void verify(String secret, String purpose, String presented, String whatToDo) {
        if (secret == null || secret.isEmpty()) {
            // CSRF defence: the browser did not send the cookie the form is bound to (another browser's form, or
            // cookies blocked)
            throw new PageProblem("The form could not be verified: this browser did not send the cookie it was given "
                    + "with the form. " + whatToDo);
        }
        if (presented == null || !Hashes.constantTimeEquals(token(secret, purpose), presented)) {
            // CSRF defence: the form was not served to this browser for this purpose
            throw new PageProblem("The form could not be verified. " + whatToDo);
        }
    }
}
