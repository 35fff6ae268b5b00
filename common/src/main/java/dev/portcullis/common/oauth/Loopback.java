package dev.portcullis.common.oauth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What counts as "this machine" (RFC 8252 §7.3, §8.3; OAuth 2.1 §1.5): one rule for where plain http may go, and the
 * narrower set of loopback spellings a redirect URI may be registered with. Written by hand because the decision must
 * be made from the name as written, without the DNS lookup {@link InetAddress} would make for a name.
 */
public final class Loopback {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\." + OCTET + "){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:.]+");

    /**
     * The hosts a loopback redirect URI is written with (RFC 8252 §7.3 names {@code 127.0.0.1} and {@code [::1]}, §8.3
     * tolerates {@code localhost}): exact spellings, because redirect URIs are compared as strings (OAuth 2.1 §2.3.1).
     */
    private static final Set<String> REDIRECT_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

    private Loopback() {
    }

    /**
     * The one loopback rule, decided from the host as written (no DNS lookup an attacker could
     * answer): {@code localhost} (any case, with or without the trailing dot), an IPv4 literal in 127.0.0.0/8 written
     * as four decimal octets without leading zeros, or {@code ::1} in any IPv6 spelling, bracketed or not.
     * <ul>
     * <li>Names under {@code .localhost} are not loopback: RFC 6761 §6.3 lets resolvers map them to loopback, but not
     * every resolver does (a search domain or a hostile DNS server can answer for them).</li>
     * <li>Other spellings of 127/8 ({@code 127.1}, {@code 0177.0.0.1}, {@code 0x7f.0.0.1}, {@code 2130706433},
     * {@code 127.0.0.01}) are not: resolvers disagree on what they mean, and the connection is made by another
     * parser than this check.</li>
     * <li>IPv4-mapped ({@code ::ffff:127.0.0.1}) and -compatible ({@code ::127.0.0.1}) addresses are not: whether such
     * a destination reaches 127.0.0.1 depends on the socket (IPV6_V6ONLY, platforms that never map, like OpenBSD),
     * not on the name; nobody needs them, since the loopback listener is 127.0.0.1. Scoped forms ({@code ::1%lo})
     * are not either.</li>
     * </ul>
     */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("localhost.")) {
            return true;
        }
        if (LOOPBACK_IPV4.matcher(h).matches()) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]") && h.length() > 2) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') < 0 || !IPV6_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            // a bracketed literal is parsed, never looked up; IPv4-mapped literals come back as Inet4Address
            InetAddress address = InetAddress.getByName("[" + h + "]");
            return address instanceof Inet6Address && address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether a redirect URI's host is one of the loopback spellings a server accepts for an http redirect and whose
     * port it ignores (RFC 8252 §7.3): {@code 127.0.0.1}, {@code [::1]} or {@code localhost}, any case. Narrower than
     * {@link #isLoopbackHost(String)} on purpose: a registered redirect URI is compared as written.
     */
    public static boolean isRedirectHost(String host) {
        return host != null && REDIRECT_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }

    /** An {@code http} URI whose host passes {@link #isRedirectHost(String)}. */
    public static boolean isHttpRedirect(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) && isRedirectHost(uri.getHost());
    }
}
