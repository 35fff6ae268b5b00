package dev.portcullis.mcp.security;

/** Test access to HostCheck's package-private parsing. */
public final class HostCheckAccess {

    private HostCheckAccess() {
    }

    public static String hostName(String host) {
        return HostCheck.hostName(host);
    }
}
