import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

public class Main {
    record Emp(String name, String dept, int level, double salary) {}

    public static void main(String[] args) {
        List<Emp> emps = new ArrayList<>(List.of(
            new Emp("ann", "eng", 3, 150.5), new Emp("bob", "ops", 2, 90.0), new Emp("cid", "eng", 3, 120.0),
            new Emp("dee", "hr", 1, 70.25), new Emp("eve", "ops", 2, 95.0), new Emp("fay", "eng", 1, 80.0),
            new Emp("gus", "hr", 2, 70.25), new Emp("Hal", "eng", 2, 110.0)));
        List<Emp> a = new ArrayList<>(emps);
        a.sort(Comparator.comparing(Emp::dept).thenComparing(Emp::level, Comparator.reverseOrder()).thenComparing(Emp::name));
        a.forEach(e -> System.out.println("dept,level desc,name: " + e));
        List<Emp> b = new ArrayList<>(emps);
        b.sort(Comparator.comparingDouble(Emp::salary).reversed().thenComparing(Emp::name, String.CASE_INSENSITIVE_ORDER));
        b.forEach(e -> System.out.println("salary desc: " + e.name() + " " + e.salary()));
        List<Emp> c = new ArrayList<>(emps);
        c.sort(Comparator.comparingInt(Emp::level).thenComparingDouble(Emp::salary));
        System.out.println("level,salary: " + c.stream().map(Emp::name).toList());
        List<String> names = new ArrayList<>(List.of("pear", "Fig", "apple", "kiwi", "Banana", "date"));
        names.sort(Comparator.naturalOrder());
        System.out.println("natural " + names);
        names.sort(Comparator.comparing(String::length).thenComparing(Comparator.reverseOrder()));
        System.out.println("length then reverse " + names);
        names.sort(String.CASE_INSENSITIVE_ORDER.reversed());
        System.out.println("case-insensitive reversed " + names);
        List<String> withNulls = new ArrayList<>(List.of("b", "a"));
        withNulls.add(null);
        withNulls.add(1, null);
        withNulls.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
        System.out.println("nullsFirst " + withNulls);
        withNulls.sort(Comparator.nullsLast(Comparator.<String>naturalOrder().reversed()));
        System.out.println("nullsLast reversed " + withNulls);
        Comparator<Emp> byName = (x, y) -> x.name().compareTo(y.name());
        System.out.println("max by name " + emps.stream().max(byName).get().name() + " min by salary " + emps.stream().min(Comparator.comparingDouble(Emp::salary)).get().name());
        System.out.println("compare result " + Comparator.comparing(Emp::level).compare(emps.get(0), emps.get(1)));
    }
}
