package clinic.kiosk.consent;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The PDF of a signed consent, made once at signing and kept: title, version, the full text, the signature, the
 * typed name, the date and time, the text's SHA-256 and the visit. DejaVu Sans is embedded so accents and
 * Vietnamese render; a character it lacks is shown as "?" and the exact name is kept in the PDF's metadata.
 */
final class ConsentPdf {
    static final String FONT = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";
    private static final float MARGIN = 56;
    private static final float SIZE = 10.5f;
    private static final float LEADING = 14;

    record Contents(String title, int version, String text, String sha256, byte[] signaturePng, String typedName,
                    String signedAt, String visit, String method, String meaning) {}

    private ConsentPdf() {}

    static byte[] render(Contents c) {
        try (PDDocument doc = new PDDocument(); InputStream font = ConsentPdf.class.getResourceAsStream(FONT)) {
            if (font == null) {
                throw new IllegalStateException("the bundled font " + FONT + " is missing from the jar");
            }
            PDType0Font dejavu = PDType0Font.load(doc, font);
            Writer w = new Writer(doc, dejavu);
            w.line(c.title(), 16);
            w.line("Version " + c.version() + " · " + c.meaning(), SIZE);
            w.line("SHA-256 of the text shown: " + c.sha256(), 8);
            w.gap();
            for (String paragraph : c.text().split("\n")) {
                w.wrapped(paragraph, SIZE);
            }
            w.gap();
            w.line("Signed " + c.method() + ": " + c.signedAt(), SIZE);
            w.line("Name typed by the signer: " + c.typedName(), SIZE);
            w.line("Visit: " + c.visit(), SIZE);
            if (c.signaturePng() != null) {
                w.image(PDImageXObject.createFromByteArray(doc, c.signaturePng(), "signature"));
            }
            w.close();
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(c.title() + " (version " + c.version() + ")");
            info.setSubject(c.meaning());
            info.setCustomMetadataValue("SignerName", c.typedName());
            info.setCustomMetadataValue("TextSHA256", c.sha256());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays text out line by line over as many pages as it takes. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType0Font font;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument doc, PDType0Font font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = PDRectangle.LETTER.getHeight() - MARGIN;
        }

        private float width() {
            return PDRectangle.LETTER.getWidth() - 2 * MARGIN;
        }

        /** Replaces each character the font cannot draw with a visible "?". */
        private String drawable(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(cp -> {
                String s = new String(Character.toChars(cp));
                try {
                    font.encode(s);
                    out.append(s);
                } catch (IOException | IllegalArgumentException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }

        void line(String text, float size) throws IOException {
            if (y < MARGIN + size) {
                newPage();
            }
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(drawable(text));
            stream.endText();
            y -= Math.max(LEADING, size * 1.3f);
        }

        void wrapped(String paragraph, float size) throws IOException {
            String text = drawable(paragraph.strip());
            if (text.isEmpty()) {
                y -= LEADING / 2;
                return;
            }
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (font.getStringWidth(candidate) / 1000 * size > width() && !current.isEmpty()) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            lines.add(current.toString());
            for (String l : lines) {
                line(l, size);
            }
        }

        void gap() {
            y -= LEADING;
        }

        void image(PDImageXObject image) throws IOException {
            float w = Math.min(240, image.getWidth());
            float h = w * image.getHeight() / image.getWidth();
            if (y - h < MARGIN) {
                newPage();
            }
            y -= h;
            stream.drawImage(image, MARGIN, y, w, h);
            y -= LEADING;
        }

        void close() throws IOException {
            stream.close();
        }
    }
}
