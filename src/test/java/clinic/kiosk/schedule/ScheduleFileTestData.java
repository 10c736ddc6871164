package clinic.kiosk.schedule;

/** Schedule file fixtures shared by tests of other packages. */
public final class ScheduleFileTestData {
    public static final String HEADER = ScheduleFileTest.HEADER;

    private ScheduleFileTestData() {}
}
