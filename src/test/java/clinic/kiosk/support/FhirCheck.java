package clinic.kiosk.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Validates bundles against base FHIR R4 with HAPI FHIR's validator (no network, no profiles beyond the core). */
public final class FhirCheck {
    private static FhirValidator validator;

    private FhirCheck() {
    }

    private static synchronized FhirValidator validator() {
        if (validator == null) {
            FhirContext ctx = FhirContext.forR4Cached();
            ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
                    new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                    new SnapshotGeneratingValidationSupport(ctx));
            FhirInstanceValidator module = new FhirInstanceValidator(chain);
            validator = ctx.newValidator().registerValidatorModule(module);
        }
        return validator;
    }

    /** Every bundle.json below a folder (exports, amendments), each with zero errors; returns how many were checked. */
    public static int assertAllValid(java.nio.file.Path root) {
        if (!java.nio.file.Files.isDirectory(root)) {
            return 0;
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
            List<java.nio.file.Path> bundles = files.filter(f -> f.getFileName().toString().equals("bundle.json")).toList();
            for (java.nio.file.Path bundle : bundles) {
                List<String> errors = errors(java.nio.file.Files.readString(bundle));
                if (!errors.isEmpty()) {
                    throw new AssertionError(bundle + " is not valid FHIR R4: " + errors);
                }
            }
            return bundles.size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The errors (and fatal errors) in the bundle; its warnings are printed, counted by message. */
    public static List<String> errors(String bundleJson) {
        ValidationResult result = validator().validateWithResult(bundleJson);
        Map<String, Integer> warnings = new TreeMap<>();
        for (SingleValidationMessage m : result.getMessages()) {
            if (m.getSeverity() == ResultSeverityEnum.WARNING) {
                warnings.merge(m.getMessage().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>"), 1, Integer::sum);
            }
        }
        warnings.forEach((message, n) -> System.out.println("FHIR warning (" + n + "x): " + message));
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
    }
}
