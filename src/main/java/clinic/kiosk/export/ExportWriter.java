package clinic.kiosk.export;

import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Writes one export folder: bundle.json (streamed), visits.csv, the signed PDFs under consents/ exactly as stored
 * at signing, and manifest.json last, listing every file with its size and SHA-256. The folder appears under its
 * final name only when all of it is on disk.
 */
final class ExportWriter implements AutoCloseable {
    private final ExportFolder folder;
    private final BundleWriter bundle;
    private final CSVPrinter csv;
    private final FhirMapping mapping;
    private final CsvRows rows;
    private final LongFunction<byte[]> pdfs;
    private final LocalDate date;
    private final Set<String> patients = new HashSet<>();
    private int records;

    private ExportWriter(ExportFolder folder, BundleWriter bundle, CSVPrinter csv, FhirMapping mapping, CsvRows rows,
                         LongFunction<byte[]> pdfs, LocalDate date) {
        this.folder = folder;
        this.bundle = bundle;
        this.csv = csv;
        this.mapping = mapping;
        this.rows = rows;
        this.pdfs = pdfs;
        this.date = date;
    }

    static ExportWriter open(Path target, LocalDate date, String bundleId, Instant generatedAt, IParser parser,
                             FhirMapping mapping, CsvRows rows, LongFunction<byte[]> pdfs) throws IOException {
        ExportFolder folder = ExportFolder.begin(target);
        try {
            BundleWriter bundle = new BundleWriter(folder.create("bundle.json"), parser, bundleId,
                    DateTimeFormatter.ISO_INSTANT.format(generatedAt));
            CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(folder.create("visits.csv"), StandardCharsets.UTF_8),
                    CSVFormat.RFC4180.builder().setHeader(CsvRows.HEADER.toArray(String[]::new)).get());
            return new ExportWriter(folder, bundle, csv, mapping, rows, pdfs, date);
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /** Where a signed PDF lies in the folder; the Consent's Attachment.url points there. */
    static String consentPath(ExportDao.Consent c) {
        return "consents/" + c.id() + "-" + c.consentId() + "-v" + c.consentVersion() + ".pdf";
    }

    /** Adds one appointment's record, at this version. */
    void add(VisitRecord record, int version) throws IOException {
        Map<Long, String[]> hashes = new LinkedHashMap<>();
        for (ExportDao.Consent c : record.consents()) {
            if (c.pdfSha256() == null) {
                continue;
            }
            byte[] pdf = pdfs.apply(c.id());
            try (OutputStream out = folder.create(consentPath(c))) {
                out.write(pdf);
            }
            MessageDigest sha1 = ExportFolder.digest("SHA-1");
            hashes.put(c.id(), new String[] {java.util.Base64.getEncoder().encodeToString(sha1.digest(pdf)),
                    HexFormat.of().formatHex(ExportFolder.digest("SHA-256").digest(pdf))});
        }
        String patientId = FhirMapping.id("Patient", record.appointment().patientExternalId() != null
                ? "records-" + record.appointment().patientExternalId() : "kiosk-" + record.appointment().patientId());
        List<Resource> resources = mapping.resources(record, version, patients.add(patientId));
        int consentIndex = 0;
        for (Resource r : resources) {
            if (r instanceof Consent consent) {
                ExportDao.Consent c = record.consents().get(consentIndex++);
                String[] h = hashes.get(c.id());
                if (h != null) {
                    FhirMapping.hashes(consent, java.util.Base64.getDecoder().decode(h[0]), h[1]);
                }
            }
            bundle.add(r);
        }
        csv.printRecord(rows.row(date, record));
        records++;
        if (records == 1) {
            ExportHooks.reached("mid-bundle");
        }
    }

    int records() {
        return records;
    }

    /** Closes the bundle and the CSV, writes the manifest, and puts the folder in place. */
    Map<String, Integer> commit(Instant generatedAt, String appVersion) throws IOException {
        bundle.close();
        csv.close();
        ExportHooks.reached("after-bundle");
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("date", date.toString());
        manifest.put("generatedAt", DateTimeFormatter.ISO_INSTANT.format(generatedAt));
        manifest.put("appVersion", appVersion);
        manifest.put("counts", bundle.counts());
        manifest.put("files", folder.files().stream().map(f -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", f.path());
            file.put("bytes", f.bytes());
            file.put("sha256", f.sha256());
            return file;
        }).toList());
        try (OutputStream out = folder.create("manifest.json")) {
            out.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(manifest));
            out.write('\n');
        }
        folder.commit();
        return bundle.counts();
    }

    @Override
    public void close() {
        folder.close();
    }
}
