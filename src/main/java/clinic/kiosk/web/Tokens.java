package clinic.kiosk.web;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random tokens, their hashes (only hashes of session and device tokens are stored, so a copy of the database
 * signs nobody in) and HMAC signatures with the server's secret key.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;

    public Tokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the signing key must have at least 32 bytes");
        }
        this.key = key.clone();
    }

    /** A URL-safe random token of {@code bytes} random bytes. */
    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String sign(String payload) {
        return payload + "." + mac(payload);
    }

    /** The payload of a signed value, or null when the signature does not match. */
    public String verify(String signed) {
        if (signed == null) {
            return null;
        }
        int dot = signed.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String payload = signed.substring(0, dot);
        byte[] expected = mac(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signed.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? payload : null;
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean equal(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
