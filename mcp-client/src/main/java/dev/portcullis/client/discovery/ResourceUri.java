package dev.portcullis.client.discovery;

import java.net.URI;
import java.util.Locale;

/**
 * Canonical form of a resource identifier for comparisons (RFC 8707 §2, RFC 3986 §6.2.3): scheme and host in lower
 * case, default port dropped, trailing slashes and fragment removed, query kept.
 */
public final class ResourceUri {

    private ResourceUri() {
    }

    public static URI normalise(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("Not an absolute http(s) URL: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
            port = -1;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(scheme + "://" + host + (port == -1 ? "" : ":" + port) + path + query);
    }

    /** True when both identify the same resource once normalised. */
    public static boolean same(URI a, URI b) {
        return normalise(a).equals(normalise(b));
    }

    /**
     * True when the protected resource {@code resource} covers the server URL: the same resource, or the same origin
     * with a path that is a whole-segment prefix of the server's (a PRM published at the root for all paths, as the
     * MCP TypeScript SDK accepts). Anything else is another resource (RFC 9728 §3.3, §7.3).
     */
    public static boolean covers(URI resource, URI serverUrl) {
        URI r = normalise(resource);
        URI s = normalise(serverUrl);
        if (r.equals(s)) {
            return true;
        }
        if (r.getRawQuery() != null || !origin(r).equals(origin(s))) {
            return false;
        }
        String rp = r.getRawPath() == null ? "" : r.getRawPath();
        String sp = s.getRawPath() == null ? "" : s.getRawPath();
        return rp.isEmpty() || sp.startsWith(rp + "/");
    }

    private static String origin(URI u) {
        return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
    }

    /** Parses a string from a server, or null when it is not an absolute http(s) URL. */
    public static URI parseOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme();
            boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            return http && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
