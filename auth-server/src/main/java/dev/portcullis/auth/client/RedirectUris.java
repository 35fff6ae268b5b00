package dev.portcullis.auth.client;

import dev.portcullis.common.oauth.Loopback;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Redirect URI rules: what may be registered, and when a requested URI matches a registered one. */
public final class RedirectUris {

    private RedirectUris() {
    }

    /**
     * Exact string comparison (OAuth 2.1 §2.3.1), except that for an {@code http} loopback redirect the port is
     * ignored, because native clients listen on an ephemeral port (RFC 8252 §7.3).
     */
    public static boolean matches(String registered, String requested) {
        if (registered == null || requested == null) {
            return false;
        }
        if (registered.equals(requested)) {
            return true;
        }
        URI reg = parse(registered);
        URI req = parse(requested);
        if (reg == null || req == null || !Loopback.isHttpRedirect(reg) || !Loopback.isHttpRedirect(req)) {
            return false;
        }
        return reg.getHost().equalsIgnoreCase(req.getHost())
                && Objects.equals(reg.getRawUserInfo(), req.getRawUserInfo())
                && Objects.equals(emptyToSlash(reg.getRawPath()), emptyToSlash(req.getRawPath()))
                && Objects.equals(reg.getRawQuery(), req.getRawQuery())
                && req.getRawFragment() == null;
    }

    /**
     * Whether a redirect URI may be registered (RFC 7591 §2, OAuth 2.1 §2.3): absolute, no fragment (RFC 6749
     * §3.1.2), no userinfo (a {@code user:password@} part is a credential in a URL, RFC 3986 §3.2.1, and a disguise
     * for the real host), and either {@code https} or {@code http} on a loopback host (RFC 8252 §7.3, §8.3).
     */
    public static boolean isRegistrable(String uri) {
        URI parsed = parse(uri);
        if (parsed == null || !parsed.isAbsolute() || parsed.isOpaque() || parsed.getRawFragment() != null
                || parsed.getRawUserInfo() != null || parsed.getHost() == null) {
            return false;
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || Loopback.isHttpRedirect(parsed);
    }

    /**
     * The {@code application_type} rules of OpenID Connect Registration §2 (as the MCP 2026-07-28 revision applies
     * them): {@code web} clients use https on a non-loopback host; {@code native} clients use an http loopback
     * redirect (RFC 8252 §7.3), a private-use scheme in reverse-domain form (RFC 8252 §7.1) or https (§7.2).
     * Without an {@code application_type} only {@link #isRegistrable(String)} applies.
     */
    public static boolean isRegistrable(String uri, String applicationType) {
        if (applicationType == null) {
            return isRegistrable(uri);
        }
        URI parsed = parse(uri);
        if (parsed == null || !parsed.isAbsolute() || parsed.getRawFragment() != null || parsed.getRawUserInfo() != null) {
            return false;
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if ("web".equals(applicationType)) {
            return scheme.equals("https") && parsed.getHost() != null
                    && !Loopback.isRedirectHost(parsed.getHost());
        }
        return isRegistrable(uri) || isPrivateUseScheme(scheme);
    }

    /** RFC 8252 §7.1: a reverse-domain private-use scheme such as {@code com.example.app}. */
    private static boolean isPrivateUseScheme(String scheme) {
        return scheme.contains(".") && !Set.of("http", "https", "javascript", "data", "file", "vbscript").contains(scheme);
    }

    private static String emptyToSlash(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static URI parse(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
