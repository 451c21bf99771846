package io.onramp.core.netpol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 CIDR block; parses literals only (never resolves names). */
record Cidr(byte[] network, int prefix, String text) {

    static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CIDR is missing");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR (expected address/prefix)");
        }
        byte[] address = parseAddress(text.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
        }
        return new Cidr(mask(address, prefix), prefix, text);
    }

    /** Parses an IPv4 dotted-quad or IPv6 literal. */
    static byte[] parseAddress(String ip) {
        if (ip == null || ip.isEmpty()) {
            throw new IllegalArgumentException("IP address is missing");
        }
        if (ip.indexOf(':') >= 0) {
            try {
                // Bracketed, the JDK only ever parses an IPv6 literal and never looks a name up.
                // (::ffff:a.b.c.d comes back as a 4-byte IPv4 address, which is what it denotes.)
                return InetAddress.getByName(ip.startsWith("[") ? ip : "[" + ip + "]").getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + ip + "' is not an IP address");
            }
        }
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + ip + "' is not an IP address");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + ip + "' is not an IP address");
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                throw new IllegalArgumentException("'" + ip + "' is not an IP address");
            }
            bytes[i] = (byte) v;
        }
        return bytes;
    }

    boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    /** Whether {@code other} lies entirely inside this block (same family, longer or equal prefix). */
    boolean contains(Cidr other) {
        return other.network.length == network.length && other.prefix >= prefix && contains(other.network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
