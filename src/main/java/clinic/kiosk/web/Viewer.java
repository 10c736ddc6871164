package clinic.kiosk.web;

/** The signed-in staff member, as the layout shows them (name and role, never more). */
public record Viewer(String username, String displayName, String role) {
    public boolean admin() {
        return role.equals("admin");
    }
}
