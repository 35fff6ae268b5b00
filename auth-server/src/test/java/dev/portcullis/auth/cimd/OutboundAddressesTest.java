package dev.portcullis.auth.cimd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every refused range, at both edges, and the public addresses just outside it ("-" where the neighbour belongs to
 * another refused range or lies outside the address space). The rows are written out by hand, not derived from the
 * table, so a wrong table entry fails here.
 */
class OutboundAddressesTest {

    private static InetAddress address(String literal) throws Exception {
        byte[] bytes = OutboundAddresses.bytes(literal);
        // An IPv6 literal stays an Inet6Address even in IPv4-mapped form (as an AAAA record could arrive)
        return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // range,           first,            last,               public just before, public just after
            "0.0.0.0/8,          0.0.0.0,          0.255.255.255,       -,                 1.0.0.0",
            "10.0.0.0/8,         10.0.0.0,         10.255.255.255,      9.255.255.255,     11.0.0.0",
            "100.64.0.0/10,      100.64.0.0,       100.127.255.255,     100.63.255.255,    100.128.0.0",
            "127.0.0.0/8,        127.0.0.0,        127.255.255.255,     126.255.255.255,   128.0.0.0",
            "169.254.0.0/16,     169.254.0.0,      169.254.255.255,     169.253.255.255,   169.255.0.0",
            "172.16.0.0/12,      172.16.0.0,       172.31.255.255,      172.15.255.255,    172.32.0.0",
            "192.0.0.0/24,       192.0.0.0,        192.0.0.255,         191.255.255.255,   192.0.1.0",
            "192.0.2.0/24,       192.0.2.0,        192.0.2.255,         192.0.1.255,       192.0.3.0",
            "192.31.196.0/24,    192.31.196.0,     192.31.196.255,      192.31.195.255,    192.31.197.0",
            "192.52.193.0/24,    192.52.193.0,     192.52.193.255,      192.52.192.255,    192.52.194.0",
            "192.88.99.0/24,     192.88.99.0,      192.88.99.255,       192.88.98.255,     192.88.100.0",
            "192.168.0.0/16,     192.168.0.0,      192.168.255.255,     192.167.255.255,   192.169.0.0",
            "192.175.48.0/24,    192.175.48.0,     192.175.48.255,      192.175.47.255,    192.175.49.0",
            "198.18.0.0/15,      198.18.0.0,       198.19.255.255,      198.17.255.255,    198.20.0.0",
            "198.51.100.0/24,    198.51.100.0,     198.51.100.255,      198.51.99.255,     198.51.101.0",
            "203.0.113.0/24,     203.0.113.0,      203.0.113.255,       203.0.112.255,     203.0.114.0",
            "224.0.0.0/4,        224.0.0.0,        239.255.255.255,     223.255.255.255,   -",
            "240.0.0.0/4,        240.0.0.0,        255.255.255.254,     -,                 -",
            "255.255.255.255/32, 255.255.255.255,  255.255.255.255,     -,                 -",
            "::/128,             ::,               ::,                  -,                 -",
            "::1/128,            ::1,              ::1,                 -,                 -",
            "::ffff:0:0/96,      ::ffff:0.0.0.0,   ::ffff:255.255.255.255, -,              -",
            "::/96,              ::0.0.0.2,        ::255.255.255.255,   -,                 -",
            "64:ff9b::/96,       64:ff9b::,        64:ff9b::ffff:ffff,  -,                 -",
            "64:ff9b:1::/48,     64:ff9b:1::,      64:ff9b:1:ffff:ffff:ffff:ffff:ffff, -,  -",
            "100::/64,           100::,            100::ffff:ffff:ffff:ffff, -,            -",
            "100:0:0:1::/64,     100:0:0:1::,      100::1:ffff:ffff:ffff:ffff, -,          -",
            "2001::/32,          2001::,           2001:0:ffff:ffff:ffff:ffff:ffff:ffff, -, -",
            "2001::/23,          2001::,           2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff, 2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 2001:200::",
            "2001:db8::/32,      2001:db8::,       2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, 2001:db9::",
            "2002::/16,          2002::,           2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 2003::",
            "2620:4f:8000::/48,  2620:4f:8000::,   2620:4f:8000:ffff:ffff:ffff:ffff:ffff, 2620:4f:7fff:ffff:ffff:ffff:ffff:ffff, 2620:4f:8001::",
            "3fff::/20,          3fff::,           3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff, 3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 3fff:1000::",
            "5f00::/16,          5f00::,           5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -, -",
            "fc00::/7,           fc00::,           fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -, -",
            "fe80::/10,          fe80::,           febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -, -",
            "fec0::/10,          fec0::,           feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -, -",
            "ff00::/8,           ff00::,           ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -, -",
            "::/3,               ::,               1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -, 2000::",
            "4000::/2,           4000::,           7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -",
            "8000::/1,           8000::,           ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -, -",
    })
    void everyRefusedRangeIsRefusedAtBothEdgesAndItsPublicNeighboursAreNot(String range, String first, String last,
            String before, String after) throws Exception {
        assertTrue(OutboundAddresses.refusal(address(first)).isPresent(), first);
        assertTrue(OutboundAddresses.refusal(address(last)).isPresent(), last);
        if (!"-".equals(before)) {
            assertTrue(OutboundAddresses.isPublic(address(before)), before);
        }
        if (!"-".equals(after)) {
            assertTrue(OutboundAddresses.isPublic(address(after)), after);
        }
        // the range is in the table under exactly this name
        assertTrue(OutboundAddresses.REFUSED.stream().anyMatch(b -> b.cidr().equals(range)), range);
    }

    @Test
    void everyTableEntryHasARowAbove() {
        Set<String> tested = Set.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
                "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
                "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",
                "240.0.0.0/4", "255.255.255.255/32", "::/128", "::1/128", "::ffff:0:0/96", "::/96", "64:ff9b::/96",
                "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64", "2001::/32", "2001::/23", "2001:db8::/32", "2002::/16",
                "2620:4f:8000::/48", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "::/3",
                "4000::/2", "8000::/1");
        assertEquals(tested, OutboundAddresses.REFUSED.stream().map(OutboundAddresses.Block::cidr).collect(Collectors.toSet()));
    }

    @Test
    void publicUnicastAddressesAreAllowed() throws Exception {
        for (String literal : new String[] {"93.184.216.34", "1.1.1.1", "8.8.8.8", "2606:4700:4700::1111",
                "2001:4860:4860::8888", "2a00:1450:4001:80b::200e"}) {
            assertTrue(OutboundAddresses.isPublic(address(literal)), literal);
        }
    }

    @Test
    void embeddedIpv4FormsAreRefusedEvenWhenTheEmbeddedAddressIsPublic() throws Exception {
        for (String literal : new String[] {"::ffff:93.184.216.34", "::93.184.216.34", "64:ff9b::5db8:d822",
                "64:ff9b:1::5db8:d822", "2002:5db8:d822::1", "2001:0:4136:e378:8000:63bf:a247:27dd"}) {
            InetAddress address = address(literal);
            assertInstanceOf(Inet6Address.class, address, literal);
            assertFalse(OutboundAddresses.isPublic(address), literal);
        }
    }

    @Test
    void anIpv4MappedAnswerTheJdkTurnsIntoIpv4IsCheckedAsThatIpv4Address() throws Exception {
        InetAddress privateMapped = InetAddress.getByName("::ffff:10.1.2.3");
        assertInstanceOf(Inet4Address.class, privateMapped);
        assertEquals("10.0.0.0/8 private use (RFC 1918)", OutboundAddresses.refusal(privateMapped).orElseThrow());
        assertTrue(OutboundAddresses.isPublic(InetAddress.getByName("::ffff:93.184.216.34")));
    }

    @Test
    void theReasonNamesTheMostSpecificRange() throws Exception {
        assertEquals("2001::/32 Teredo (RFC 4380)", OutboundAddresses.refusal(address("2001::1")).orElseThrow());
        assertEquals("::1/128 loopback (RFC 4291)", OutboundAddresses.refusal(address("::1")).orElseThrow());
        assertEquals("fe80::/10 link-local unicast (RFC 4291)",
                OutboundAddresses.refusal(address("fe80::1")).orElseThrow());
    }
}
