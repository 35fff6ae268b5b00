package dev.portcullis.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portcullis.mcp.security.HostCheckAccess;
import org.junit.jupiter.api.Test;

class HostCheckTest {

    @Test
    void hostNamesLoseTheirPortCaseAndIpv6Brackets() {
        assertEquals("localhost", HostCheckAccess.hostName("LocalHost:8080"));
        assertEquals("mcp.example.com", HostCheckAccess.hostName("mcp.example.com"));
        assertEquals("::1", HostCheckAccess.hostName("[::1]:8080"));
        assertEquals("::1", HostCheckAccess.hostName("::1"));
        assertNull(HostCheckAccess.hostName(" "));
    }
}
