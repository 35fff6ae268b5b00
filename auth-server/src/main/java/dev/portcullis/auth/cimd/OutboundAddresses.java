package dev.portcullis.auth.cimd;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which resolved addresses an outbound fetch may reach (SSRF defence, draft-ietf-oauth-client-id-metadata-document
 * §6): every address in a block of {@link #REFUSED} is refused. The table is the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries (RFC 6890), plus multicast, the reserved 240.0.0.0/4, and in IPv6 everything outside global
 * unicast 2000::/3 (IANA IPv6 Address Space).
 *
 * <p>IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96 and 64:ff9b:1::/48,
 * 6to4 2002::/16, Teredo 2001::/32) are refused outright rather than unpacked and checked: no legitimate document
 * host needs them, unpacking is easy to get wrong (Teredo's address is inverted, NAT64 has prefix lengths from /32 to
 * /96), and a translator would reach an IPv4 address we did not check. An IPv4-mapped AAAA answer that the JDK turns
 * into an {@link Inet4Address} is checked as the IPv4 address it is.
 */
public final class OutboundAddresses {

    /** An address block: its prefix bytes (4 or 16), the prefix length, and why it is refused. */
    record Block(String cidr, byte[] prefix, int bits, String purpose) {

        static Block of(String cidr, String purpose) {
            int slash = cidr.indexOf('/');
            String literal = cidr.substring(0, slash);
            return new Block(cidr, bytes(literal), Integer.parseInt(cidr.substring(slash + 1)), purpose);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    /** Refused blocks; the first match names the reason in the log. */
    static final List<Block> REFUSED = List.of(
            // IPv4 (IANA IPv4 Special-Purpose Address Registry, RFC 6890)
            Block.of("0.0.0.0/8", "\"this network\" (RFC 791)"),
            Block.of("10.0.0.0/8", "private use (RFC 1918)"),
            Block.of("100.64.0.0/10", "shared address space, CGNAT (RFC 6598)"),
            Block.of("127.0.0.0/8", "loopback (RFC 1122)"),
            Block.of("169.254.0.0/16", "link local (RFC 3927)"),
            Block.of("172.16.0.0/12", "private use (RFC 1918)"),
            Block.of("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
            Block.of("192.0.2.0/24", "documentation, TEST-NET-1 (RFC 5737)"),
            Block.of("192.31.196.0/24", "AS112-v4 (RFC 7535)"),
            Block.of("192.52.193.0/24", "AMT (RFC 7450)"),
            Block.of("192.88.99.0/24", "deprecated 6to4 relay anycast (RFC 7526)"),
            Block.of("192.168.0.0/16", "private use (RFC 1918)"),
            Block.of("192.175.48.0/24", "direct delegation AS112 (RFC 7534)"),
            Block.of("198.18.0.0/15", "benchmarking (RFC 2544)"),
            Block.of("198.51.100.0/24", "documentation, TEST-NET-2 (RFC 5737)"),
            Block.of("203.0.113.0/24", "documentation, TEST-NET-3 (RFC 5737)"),
            Block.of("224.0.0.0/4", "multicast (RFC 5771)"),
            Block.of("255.255.255.255/32", "limited broadcast (RFC 919)"),
            Block.of("240.0.0.0/4", "reserved (RFC 1112)"),
            // IPv6 (IANA IPv6 Special-Purpose Address Registry, RFC 6890)
            Block.of("::/128", "unspecified (RFC 4291)"),
            Block.of("::1/128", "loopback (RFC 4291)"),
            Block.of("::ffff:0:0/96", "IPv4-mapped (RFC 4291)"),
            Block.of("::/96", "IPv4-compatible, deprecated (RFC 4291 §2.5.5.1)"),
            Block.of("64:ff9b::/96", "NAT64 well-known prefix (RFC 6052)"),
            Block.of("64:ff9b:1::/48", "local-use NAT64 (RFC 8215)"),
            Block.of("100::/64", "discard-only (RFC 6666)"),
            Block.of("100:0:0:1::/64", "dummy prefix (RFC 9780)"),
            Block.of("2001::/32", "Teredo (RFC 4380)"),
            Block.of("2001::/23", "IETF protocol assignments (RFC 2928)"),
            Block.of("2001:db8::/32", "documentation (RFC 3849)"),
            Block.of("2002::/16", "6to4 (RFC 3056)"),
            Block.of("2620:4f:8000::/48", "direct delegation AS112 (RFC 7534)"),
            Block.of("3fff::/20", "documentation (RFC 9637)"),
            Block.of("5f00::/16", "SRv6 SIDs (RFC 9602)"),
            Block.of("fc00::/7", "unique local (RFC 4193)"),
            Block.of("fe80::/10", "link-local unicast (RFC 4291)"),
            Block.of("fec0::/10", "site-local, deprecated (RFC 3879)"),
            Block.of("ff00::/8", "multicast (RFC 4291)"),
            // IPv6 outside global unicast 2000::/3 (IANA IPv6 Address Space: reserved by the IETF)
            Block.of("::/3", "not global unicast (RFC 4291 §2.4)"),
            Block.of("4000::/2", "not global unicast (RFC 4291 §2.4)"),
            Block.of("8000::/1", "not global unicast (RFC 4291 §2.4)"));

    private OutboundAddresses() {
    }

    static boolean isPublic(InetAddress address) {
        return refusal(address).isEmpty();
    }

    /** Why the address may not be reached ("10.0.0.0/8 private use (RFC 1918)"), or empty when it may. */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Block block : REFUSED) {
            if (block.contains(bytes)) {
                return Optional.of(block.cidr() + " " + block.purpose());
            }
        }
        return Optional.empty();
    }

    /** The bytes of an address literal; an IPv6 literal stays 16 bytes even in IPv4-mapped form. */
    static byte[] bytes(String literal) {
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (literal.indexOf(':') >= 0 && bytes.length == 4) {
                // the JDK turns ::ffff:a.b.c.d into an Inet4Address; keep the IPv6 form
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an address literal: " + literal, e);
        }
    }
}
