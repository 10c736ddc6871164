package clinic.kiosk.web;

/** What every page's layout needs: the clinic's name, the language, the CSRF token, who is signed in, notices. */
public record Layout(String clinicName, String lang, String csrf, Viewer viewer, boolean demo,
                     boolean unenrolledNotice) {}
