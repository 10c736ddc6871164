/** The database: H2 in the data folder, Flyway migrations with a backup first, Jdbi set-up and durability. */
package clinic.kiosk.db;
