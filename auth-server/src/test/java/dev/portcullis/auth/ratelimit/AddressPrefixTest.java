package dev.portcullis.auth.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Counting per caller address: an IPv6 address counts as its /64, however it is written; IPv4 as itself. */
class AddressPrefixTest {

    @Test
    void ipv6AddressesOfOneSlash64ShareAKeyInAnyNotation() {
        assertEquals("2001:db8:1:2::/64", RateLimiter.prefix64("2001:db8:1:2:0:0:0:1"));
        assertEquals("2001:db8:1:2::/64", RateLimiter.prefix64("2001:db8:1:2::ffff"));
        assertEquals("2001:db8:1:2::/64", RateLimiter.prefix64("2001:0db8:0001:0002:abcd:ef01:2345:6789"));
        assertEquals("2001:db8:1:3::/64", RateLimiter.prefix64("2001:db8:1:3::1"));
        assertEquals("0:0:0:0::/64", RateLimiter.prefix64("0:0:0:0:0:0:0:1"));
    }

    @Test
    void ipv4AndOtherKeysAreUnchangedAndAMappedAddressIsItsIpv4() {
        assertEquals("203.0.113.9", RateLimiter.prefix64("203.0.113.9"));
        assertEquals("203.0.113.9", RateLimiter.prefix64("::ffff:203.0.113.9"));
        assertEquals("unknown", RateLimiter.prefix64("unknown"));
        assertEquals("not:an:address", RateLimiter.prefix64("not:an:address"));
    }
}
