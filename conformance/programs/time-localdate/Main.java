import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

public class Main {
    public static void main(String[] args) {
        LocalDate d = LocalDate.of(2024, 2, 28);
        System.out.println(d + " +1 day " + d.plusDays(1) + " +2 days " + d.plusDays(2) + " leap " + d.isLeapYear() + " lengthOfMonth " + d.lengthOfMonth());
        System.out.println("plusMonths(1) from Jan 31: " + LocalDate.of(2023, 1, 31).plusMonths(1) + " plusYears(1) from Feb 29: " + LocalDate.of(2024, 2, 29).plusYears(1));
        LocalDate a = LocalDate.of(1969, Month.JULY, 20);
        LocalDate b = LocalDate.of(2026, 11, 29);
        System.out.println("days between " + ChronoUnit.DAYS.between(a, b) + " months " + ChronoUnit.MONTHS.between(a, b) + " period " + Period.between(a, b));
        System.out.println("dayOfWeek " + a.getDayOfWeek() + " dayOfYear " + a.getDayOfYear() + " epochDay " + a.toEpochDay() + " ofEpochDay(0) " + LocalDate.ofEpochDay(0));
        System.out.println("next Monday " + b.with(TemporalAdjusters.next(DayOfWeek.MONDAY)) + " last day of month " + b.with(TemporalAdjusters.lastDayOfMonth()) + " first of year " + b.with(TemporalAdjusters.firstDayOfYear()));
        System.out.println("isBefore " + a.isBefore(b) + " compareTo " + a.compareTo(b) + " equals " + a.equals(LocalDate.parse("1969-07-20")));
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        System.out.println("format " + a.format(f) + " parse " + LocalDate.parse("31/12/1999", f) + " ISO week " + b.format(DateTimeFormatter.ISO_WEEK_DATE) + " basic " + b.format(DateTimeFormatter.BASIC_ISO_DATE));
        LocalDateTime dt = LocalDateTime.of(2000, 1, 1, 23, 59, 30);
        System.out.println(dt + " +45s " + dt.plusSeconds(45) + " minus 1ns " + dt.minusNanos(1) + " truncated " + dt.truncatedTo(ChronoUnit.HOURS));
        LocalTime t = LocalTime.of(22, 15);
        System.out.println("time " + t + " +3h " + t.plusHours(3) + " toSecondOfDay " + t.toSecondOfDay() + " NOON " + LocalTime.NOON + " MAX " + LocalTime.MAX);
        Duration dur = Duration.between(dt, dt.plusDays(1).plusMinutes(90));
        System.out.println("duration " + dur + " minutes " + dur.toMinutes() + " ofMillis " + Duration.ofMillis(123456789));
        Period p = Period.of(1, 14, 40).normalized();
        System.out.println("period normalized " + p + " plus " + LocalDate.of(2020, 1, 1).plus(p) + " parse " + Period.parse("P2Y3M4D").getMonths());
        int fridays13 = 0;
        for (LocalDate x = LocalDate.of(2000, 1, 13); x.getYear() < 2030; x = x.plusMonths(1)) if (x.getDayOfWeek() == DayOfWeek.FRIDAY) fridays13++;
        System.out.println("Friday 13ths 2000-2029: " + fridays13);
        try {
            LocalDate.of(2023, 2, 29);
        } catch (java.time.DateTimeException e) {
            System.out.println("DateTimeException: " + e.getMessage());
        }
        try {
            LocalDate.parse("2023-13-01");
        } catch (java.time.format.DateTimeParseException e) {
            System.out.println("DateTimeParseException: " + e.getMessage());
        }
        System.out.println("datesUntil count " + LocalDate.of(2024, 1, 1).datesUntil(LocalDate.of(2025, 1, 1)).count() + " MIN " + LocalDate.MIN + " EPOCH " + LocalDate.EPOCH);
    }
}
