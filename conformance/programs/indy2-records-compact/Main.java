import java.util.*;
import java.util.stream.*;

public class Main {
    record Range(int lo, int hi) {
        Range {
            if (lo > hi) throw new IllegalArgumentException("lo " + lo + " > hi " + hi);
        }
        Range(int single) { this(single, single); }
        int length() { return hi - lo; }
        static Range of(String text) {
            String[] parts = text.split("\\.\\.");
            return new Range(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
        boolean contains(int x) { return lo <= x && x <= hi; }
    }

    record Name(String first, String last) implements Comparable<Name> {
        Name {
            Objects.requireNonNull(first, "first");
            first = first.strip();
            last = last == null ? "" : last.strip().toUpperCase();
        }
        public int compareTo(Name o) { return Comparator.comparing(Name::last).thenComparing(Name::first).compare(this, o); }
        @Override public String first() { return "<" + first + ">"; }
    }

    record Money(long cents, String currency) {
        static final Money ZERO = new Money(0, "EUR");
        static int created;
        Money {
            created++;
            if (currency.length() != 3) throw new IllegalArgumentException("currency " + currency);
        }
        Money plus(Money o) { return new Money(cents + o.cents, currency); }
        @Override public String toString() { return String.format("%d.%02d %s", cents / 100, cents % 100, currency); }
    }

    record CaseInsensitive(String value) {
        @Override public boolean equals(Object o) { return o instanceof CaseInsensitive c && c.value.equalsIgnoreCase(value); }
        @Override public int hashCode() { return value.toLowerCase().hashCode(); }
    }

    interface Shape { double area(); }
    record Circle(double r) implements Shape { public double area() { return Math.PI * r * r; } }
    record Rect(double w, double h) implements Shape { public double area() { return w * h; } }

    record Line(Point from, Point to) {
        record Point(int x, int y) {}
        double length() { return Math.hypot(to.x - from.x, to.y - from.y); }
    }

    public static void main(String[] args) {
        Range r = new Range(3, 9);
        System.out.println(r + " len " + r.length() + " contains 5 " + r.contains(5) + " single " + new Range(4) + " parsed " + Range.of("-2..7"));
        try {
            new Range(5, 1);
        } catch (IllegalArgumentException e) {
            System.out.println("compact ctor check: " + e.getMessage());
        }
        Name n = new Name("  ada ", " lovelace ");
        System.out.println(n + " first() " + n.first() + " last " + n.last() + " eq " + n.equals(new Name("ada", "Lovelace")));
        try {
            new Name(null, "x");
        } catch (NullPointerException e) {
            System.out.println("NPE: " + e.getMessage());
        }
        List<Name> names = new ArrayList<>(List.of(new Name("grace", "hopper"), new Name("alan", "turing"), new Name("ada", "lovelace"), new Name("anne", "Hopper"), new Name("x", null)));
        Collections.sort(names);
        System.out.println("sorted " + names);
        Money total = Money.ZERO;
        for (long c : new long[] {199, 1, 2500, 7}) total = total.plus(new Money(c, "EUR"));
        System.out.println("money " + total + " created " + Money.created + " eq " + total.equals(new Money(2707, "EUR")) + " hash same " + (total.hashCode() == new Money(2707, "EUR").hashCode()));
        try {
            new Money(1, "EURO");
        } catch (IllegalArgumentException e) {
            System.out.println("bad money: " + e.getMessage());
        }
        Set<CaseInsensitive> ci = new HashSet<>(List.of(new CaseInsensitive("Hello"), new CaseInsensitive("world")));
        System.out.println("custom equals " + ci.contains(new CaseInsensitive("HELLO")) + " " + new CaseInsensitive("a").equals(new CaseInsensitive("A")) + " toString " + new CaseInsensitive("Mixed"));
        List<Shape> shapes = List.of(new Circle(1), new Rect(2, 3), new Circle(0.5), new Rect(1, 1));
        System.out.println("shapes " + shapes);
        System.out.println("areas " + shapes.stream().map(s -> String.format("%.3f", s.area())).collect(Collectors.joining(",")));
        System.out.println("by type " + shapes.stream().collect(Collectors.groupingBy(s -> s.getClass().getSimpleName(), TreeMap::new, Collectors.counting())));
        Line line = new Line(new Line.Point(0, 0), new Line.Point(3, 4));
        System.out.println(line + " length " + line.length() + " hash eq " + (line.hashCode() == new Line(new Line.Point(0, 0), new Line.Point(3, 4)).hashCode()));
        record Local(String k, int v) {}
        List<Local> locals = Stream.of("b:2", "a:1", "c:3", "a:0").map(s -> s.split(":")).map(a -> new Local(a[0], Integer.parseInt(a[1]))).sorted(Comparator.comparing(Local::k).thenComparingInt(Local::v)).collect(Collectors.toList());
        System.out.println("local records " + locals);
        Map<Local, Integer> counts = new HashMap<>();
        for (Local l : locals) counts.merge(new Local(l.k(), 0), 1, Integer::sum);
        System.out.println("record keys " + new TreeMap<>(counts.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().k(), Map.Entry::getValue))));
        Map<Range, String> rangeNames = new LinkedHashMap<>();
        rangeNames.put(new Range(0, 9), "digits");
        rangeNames.put(new Range(10, 99), "tens");
        System.out.println("record as map key " + rangeNames.get(new Range(10, 99)) + " " + rangeNames);
    }
}
