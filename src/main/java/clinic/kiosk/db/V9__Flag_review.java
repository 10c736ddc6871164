package clinic.kiosk.db;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Migration 9: a safety answer the patient changes is never silent, and a patient at risk never leaves the record
 * silently. A flag may now be {@code changed} (the answers behind it changed; still open for a clinician), its
 * history records {@code changed} and {@code follow_up}; a response keeps its risk level (the C-SSRS); a staff
 * account may be a {@code clinician} (prescriber), the role that clears clinical blocks.
 *
 * <p>In Java because the check constraints of V4 have names the database chose (H2 and PostgreSQL differ): they are
 * found in the standard INFORMATION_SCHEMA, dropped, and added again with names of our own.
 */
public final class V9__Flag_review extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        dropChecks(c, "flag", "status");
        dropChecks(c, "flag_event", "event");
        dropChecks(c, "staff", "role");
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE flag ADD CONSTRAINT flag_status_check CHECK (status IN "
                    + "('open', 'acknowledged', 'cleared', 'withdrawn', 'changed'))");
            s.execute("ALTER TABLE flag_event ADD CONSTRAINT flag_event_event_check CHECK (event IN "
                    + "('raised', 'withdrawn', 'acknowledged', 'cleared', 'changed', 'follow_up'))");
            s.execute("ALTER TABLE staff ADD CONSTRAINT staff_role_check CHECK (role IN ('admin', 'nurse', 'desk', 'clinician'))");
            // A follow-up names the clinician and what will be done: more than a short reason.
            s.execute("ALTER TABLE flag_event ALTER COLUMN reason SET DATA TYPE VARCHAR(1000)");
            s.execute("ALTER TABLE visit_transition ALTER COLUMN reason SET DATA TYPE VARCHAR(1000)");
            s.execute("ALTER TABLE response ADD COLUMN risk_level VARCHAR(64)");
        }
    }

    /** Drops the check constraints of a table whose condition names the column. */
    private static void dropChecks(Connection c, String table, String column) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT tc.constraint_name, cc.check_clause
                  FROM information_schema.table_constraints tc
                  JOIN information_schema.check_constraints cc
                    ON cc.constraint_name = tc.constraint_name AND cc.constraint_schema = tc.constraint_schema
                 WHERE LOWER(tc.table_name) = ? AND tc.constraint_type = 'CHECK'
                """)) {
            q.setString(1, table);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    if (r.getString(2).toLowerCase(Locale.ROOT).contains(column)) {
                        names.add(r.getString(1));
                    }
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
    }
}
