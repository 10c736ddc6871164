package clinic.kiosk.export;

import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.Resource;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one FHIR R4 Bundle of type collection entry by entry, so that memory stays flat however many visits the
 * day had: each resource is encoded on its own and written out at once, one entry per line.
 */
final class BundleWriter implements AutoCloseable {
    private final Writer out;
    private final IParser parser;
    private final Map<String, Integer> counts = new TreeMap<>();
    private boolean anyEntry;

    BundleWriter(OutputStream stream, IParser parser, String bundleId, String timestamp) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        this.parser = parser;
        out.write("{\"resourceType\":\"Bundle\",\"id\":\"" + bundleId + "\",\"type\":\"collection\",\"timestamp\":\""
                + timestamp + "\"");
    }

    void add(Resource resource) throws IOException {
        // FHIR JSON allows no empty arrays: the entry list opens with its first entry.
        out.write(anyEntry ? ",\n" : ",\"entry\":[\n");
        anyEntry = true;
        out.write("{\"fullUrl\":\"" + FhirMapping.fullUrl(resource) + "\",\"resource\":");
        out.write(parser.encodeResourceToString(resource));
        out.write("}");
        counts.merge(resource.fhirType(), 1, Integer::sum);
    }

    /** How many resources of each type were written. */
    Map<String, Integer> counts() {
        return counts;
    }

    @Override
    public void close() throws IOException {
        out.write(anyEntry ? "\n]}\n" : "}\n");
        out.close();
    }
}
