package dev.portcullis.auth.cimd;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which resolved addresses an outbound fetch may reach (SSRF defence, draft-ietf-oauth-client-id-metadata-document
 * §6): only public unicast addresses — no loopback, private (RFC 1918, RFC 4193), link-local, CGNAT (RFC 6598),
 * unspecified, multicast or documentation/benchmark ranges.
 */
public final class OutboundAddresses {

    private OutboundAddresses() {
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && first != 10 && first < 224
                    && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 CGNAT
                    && !(first == 169 && second == 254)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24
                    && !(first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
                return false;
            }
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (java.net.UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
