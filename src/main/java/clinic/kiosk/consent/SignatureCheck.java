package clinic.kiosk.consent;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks a drawn signature as the browser sends it ({@code data:image/png;base64,...}): a real PNG, no larger than
 * {@link #MAX_BYTES}, and with enough ink to be a signature rather than a tap.
 */
final class SignatureCheck {
    static final int MAX_BYTES = 200 * 1024;
    /** Pixels with ink; a short scribble has thousands, a tap a few dozen. */
    static final int MIN_INK = 150;
    private static final String PREFIX = "data:image/png;base64,";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

    enum Problem { MISSING, NOT_PNG, TOO_LARGE, BLANK }

    /** The PNG bytes, or the problem. */
    record Result(byte[] png, Problem problem) {}

    static Result check(String dataUrl) {
        if (dataUrl == null || dataUrl.isBlank()) {
            return new Result(null, Problem.MISSING);
        }
        if (!dataUrl.startsWith(PREFIX)) {
            return new Result(null, Problem.NOT_PNG);
        }
        String base64 = dataUrl.substring(PREFIX.length());
        if (base64.length() > MAX_BYTES * 4 / 3 + 8) {
            return new Result(null, Problem.TOO_LARGE);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new Result(null, Problem.NOT_PNG);
        }
        if (bytes.length > MAX_BYTES) {
            return new Result(null, Problem.TOO_LARGE);
        }
        if (bytes.length < PNG.length || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, PNG.length), PNG)) {
            return new Result(null, Problem.NOT_PNG);
        }
        Optional<BufferedImage> image;
        try {
            image = Optional.ofNullable(ImageIO.read(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            image = Optional.empty();
        }
        if (image.isEmpty()) {
            return new Result(null, Problem.NOT_PNG);
        }
        return ink(image.get()) < MIN_INK ? new Result(null, Problem.BLANK) : new Result(bytes, null);
    }

    /** Opaque, dark pixels: the ink of a pen on a transparent or white canvas. */
    static int ink(BufferedImage image) {
        int ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                int alpha = argb >>> 24;
                int luminance = ((argb >> 16 & 0xff) * 299 + (argb >> 8 & 0xff) * 587 + (argb & 0xff) * 114) / 1000;
                if (alpha > 128 && luminance < 128) {
                    ink++;
                }
            }
        }
        return ink;
    }
}
