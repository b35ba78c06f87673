import java.util.*;
import java.util.function.Function;

public class Main {
    record Emp(String name, String dept, int age, double salary, Integer level) {}

    static void show(String label, List<Emp> list, Comparator<Emp> c) {
        List<Emp> copy = new ArrayList<>(list);
        copy.sort(c);
        StringBuilder sb = new StringBuilder(label).append(':');
        for (Emp e : copy) sb.append(' ').append(e.name());
        System.out.println(sb);
    }

    public static void main(String[] args) {
        List<Emp> emps = List.of(
            new Emp("ann", "eng", 31, 120.5, 3), new Emp("bob", "ops", 45, 99.0, null),
            new Emp("cat", "eng", 28, 130.0, 2), new Emp("dan", "hr", 45, 80.25, 1),
            new Emp("eve", "ops", 23, 99.0, 2), new Emp("fay", "eng", 31, 110.0, null),
            new Emp("gus", "hr", 52, 95.5, 4), new Emp("Hal", "eng", 28, 130.0, 3));
        show("byName", emps, Comparator.comparing(Emp::name));
        show("byNameCI", emps, Comparator.comparing(Emp::name, String.CASE_INSENSITIVE_ORDER));
        show("byAge", emps, Comparator.comparingInt(Emp::age));
        show("byAgeThenName", emps, Comparator.comparingInt(Emp::age).thenComparing(Emp::name));
        show("byAgeDescThenName", emps, Comparator.comparingInt(Emp::age).reversed().thenComparing(Emp::name));
        show("bySalaryDesc", emps, Comparator.comparingDouble(Emp::salary).reversed());
        show("byDeptThenSalaryThenAge", emps, Comparator.comparing(Emp::dept).thenComparingDouble(Emp::salary).thenComparingLong(e -> e.age()));
        show("byDeptReverseThenNameReverse", emps, Comparator.comparing(Emp::dept, Comparator.reverseOrder()).thenComparing(Emp::name, Comparator.reverseOrder()));
        show("levelNullsFirst", emps, Comparator.comparing(Emp::level, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Emp::name));
        show("levelNullsLast", emps, Comparator.comparing(Emp::level, Comparator.nullsLast(Comparator.<Integer>naturalOrder())).thenComparing(Emp::name));
        show("levelNullsLastReversed", emps, Comparator.comparing(Emp::level, Comparator.nullsLast(Comparator.<Integer>reverseOrder())).thenComparing(Emp::name));
        show("wholeReversedTwice", emps, Comparator.comparing(Emp::name).reversed().reversed());
        show("lambdaComparator", emps, (a, b) -> a.name().length() != b.name().length() ? a.name().length() - b.name().length() : b.name().compareTo(a.name()));
        show("thenComparingComparator", emps, Comparator.comparing(Emp::dept).thenComparing(Comparator.comparing(Emp::age).reversed()));
        Comparator<Emp> byLen = Comparator.comparing(e -> e.name().length());
        show("stableSortByLength", emps, byLen);
        List<String> words = new ArrayList<>(Arrays.asList("pear", null, "Apple", "fig", null, "banana", "apple", "Fig"));
        words.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
        System.out.println("nullsFirst natural " + words);
        words.sort(Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.reverseOrder())));
        System.out.println("nullsLast CI then reverse " + words);
        words.removeIf(Objects::isNull);
        words.sort(Comparator.comparing(String::length).thenComparing(Function.identity()));
        System.out.println("length then natural " + words);
        Map<String, Integer> scores = new HashMap<>(Map.of("x", 3, "y", 1, "z", 2, "w", 3));
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(scores.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        System.out.println("entries by value desc then key " + entries);
        entries.sort(Map.Entry.comparingByKey(Comparator.reverseOrder()));
        System.out.println("entries by key desc " + entries);
        TreeSet<String> set = new TreeSet<>(Comparator.comparing(String::length).thenComparing((String s) -> s.toLowerCase()));
        set.addAll(List.of("bb", "a", "ccc", "B", "A", "dd"));
        System.out.println("TreeSet with comparator " + set + " first " + set.first() + " ceiling(bz) " + set.ceiling("bz"));
        Integer[] nums = {5, -3, 12, 0, -3, 8};
        Arrays.sort(nums, Comparator.comparing(Math::abs));
        System.out.println("Arrays.sort by abs " + Arrays.toString(nums));
        Arrays.sort(nums, Collections.reverseOrder());
        System.out.println("reverseOrder " + Arrays.toString(nums));
        System.out.println("max/min " + Collections.max(emps, Comparator.comparingDouble(Emp::salary).thenComparing(Emp::name)).name() + " " + Collections.min(emps, Comparator.comparing(Emp::age).thenComparing(Emp::salary)).name());
        Comparator<String> natural = Comparator.naturalOrder();
        System.out.println("compare results " + natural.compare("a", "b") + " " + natural.reversed().compare("a", "b") + " " + Comparator.<String>reverseOrder().compare("a", "a"));
        PriorityQueue<Emp> pq = new PriorityQueue<>(Comparator.comparing(Emp::salary).thenComparing(Emp::name, Comparator.reverseOrder()));
        pq.addAll(emps);
        StringBuilder order = new StringBuilder();
        while (!pq.isEmpty()) order.append(pq.poll().name()).append(' ');
        System.out.println("priority queue order " + order);
    }
}
