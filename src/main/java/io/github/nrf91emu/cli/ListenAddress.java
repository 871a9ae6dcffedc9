package io.github.nrf91emu.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Parses the {@code --listen} value {@code [<host>:]<port>}. The host defaults to 127.0.0.1, and an
 * IPv6 host goes in brackets, as in {@code [::1]:5000}.
 */
final class ListenAddress {
    static final String DEFAULT_HOST = "127.0.0.1";

    private static final int MAX_PORT = 65535;

    private ListenAddress() {}

    /**
     * Parses and resolves a listen address.
     *
     * @throws IllegalArgumentException if the port is not a number in 0..65535, the brackets of an
     *     IPv6 host are unbalanced, or the host name does not resolve
     */
    static InetSocketAddress parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException(
                        "'" + text + "' is not [<IPv6 address>]:<port>, such as [::1]:5000");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                throw new IllegalArgumentException(
                        "'"
                                + text
                                + "' has an IPv6 host without brackets (expected [<host>]:<port>)");
            }
            host = colon < 0 ? DEFAULT_HOST : text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has an empty host");
        }
        return new InetSocketAddress(resolve(host), parsePort(port, text));
    }

    private static int parsePort(String port, String text) {
        int value;
        try {
            value = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0 || value > MAX_PORT || port.startsWith("+")) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' has an invalid port '"
                            + port
                            + "' (expected 0.."
                            + MAX_PORT
                            + ")");
        }
        return value;
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host not found: " + host);
        }
    }
}
