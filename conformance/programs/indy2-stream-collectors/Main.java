import java.util.*;
import java.util.function.Function;
import java.util.stream.*;

public class Main {
    record City(String name, String country, int population, double area) {}

    public static void main(String[] args) {
        List<City> cities = List.of(
            new City("Paris", "FR", 2148, 105.4), new City("Lyon", "FR", 513, 47.9),
            new City("Nice", "FR", 342, 71.9), new City("Berlin", "DE", 3645, 891.8),
            new City("Hamburg", "DE", 1841, 755.2), new City("Rome", "IT", 2873, 1285.0),
            new City("Milan", "IT", 1352, 181.8), new City("Bern", "CH", 134, 51.6));
        System.out.println("groupingBy TreeMap " + cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.mapping(City::name, Collectors.toList()))));
        System.out.println("counting " + cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.counting())));
        System.out.println("summingInt " + cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.summingInt(City::population))));
        System.out.println("averagingDouble " + cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.averagingDouble(City::area))));
        System.out.println("maxBy " + cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.collectingAndThen(Collectors.maxBy(Comparator.comparingInt(City::population)), o -> o.map(City::name).orElse("?")))));
        System.out.println("partitioningBy " + cities.stream().collect(Collectors.partitioningBy(c -> c.population() > 1000, Collectors.mapping(City::name, Collectors.joining("/")))));
        System.out.println("partitioning empty " + Stream.<Integer>empty().collect(Collectors.partitioningBy(i -> i > 0)));
        System.out.println("joining " + cities.stream().map(City::name).collect(Collectors.joining(", ", "{", "}")) + " " + Stream.<String>empty().collect(Collectors.joining(",", "[", "]")));
        System.out.println("toMap TreeMap " + cities.stream().collect(Collectors.toMap(City::name, City::population, (a, b) -> a, TreeMap::new)));
        System.out.println("toMap merge " + cities.stream().collect(Collectors.toMap(City::country, City::population, Integer::sum, TreeMap::new)));
        try {
            cities.stream().collect(Collectors.toMap(City::country, City::name));
        } catch (IllegalStateException e) {
            System.out.println("toMap duplicate: " + e.getMessage());
        }
        System.out.println("toCollection TreeSet " + cities.stream().map(City::country).collect(Collectors.toCollection(TreeSet::new)));
        System.out.println("toSet size " + cities.stream().map(City::country).collect(Collectors.toSet()).size());
        IntSummaryStatistics st = cities.stream().collect(Collectors.summarizingInt(City::population));
        System.out.println("summarizingInt " + st);
        DoubleSummaryStatistics ds = cities.stream().collect(Collectors.summarizingDouble(City::area));
        System.out.println("summarizingDouble " + ds);
        System.out.println("reducing " + cities.stream().collect(Collectors.reducing(0, City::population, Integer::sum)));
        System.out.println("filtering " + cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.filtering(c -> c.area() > 100, Collectors.mapping(City::name, Collectors.toList())))));
        System.out.println("flatMapping " + cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.flatMapping(c -> c.name().chars().limit(2).mapToObj(ch -> (char) ch), Collectors.toCollection(TreeSet::new)))));
        System.out.println("teeing " + cities.stream().collect(Collectors.teeing(Collectors.counting(), Collectors.summingInt(City::population), (cnt, sum) -> sum + "/" + cnt)));
        System.out.println("nested grouping " + cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.partitioningBy(c -> c.name().length() > 4, Collectors.counting()))));
        Map<Boolean, Map<String, List<String>>> twoLevel = cities.stream().collect(Collectors.partitioningBy(c -> c.area() > 100, Collectors.groupingBy(City::country, TreeMap::new, Collectors.mapping(City::name, Collectors.toList()))));
        System.out.println("two level " + twoLevel);
        System.out.println("unmodifiable " + cities.stream().map(City::name).filter(n -> n.startsWith("B")).collect(Collectors.toUnmodifiableList()));
        System.out.println("groupingBy length " + Stream.of("a", "bb", "cc", "ddd", "e").collect(Collectors.groupingBy(String::length, TreeMap::new, Collectors.toList())));
        System.out.println("frequency " + "mississippi".chars().mapToObj(c -> (char) c).collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting())));
        List<String> names = cities.stream().map(City::name).collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
        System.out.println("3-arg collect " + names);
        StringBuilder sb = cities.stream().map(City::country).distinct().collect(StringBuilder::new, StringBuilder::append, StringBuilder::append);
        System.out.println("collect to StringBuilder " + sb);
        Collector<String, ?, String> custom = Collector.of(StringJoiner::new_, (j, s) -> j.add(s), (a, b) -> a.merge(b), StringJoiner::toString);
        System.out.println("custom collector " + Stream.of("x", "y", "z").collect(custom));
    }

    static final class StringJoiner {
        private final java.util.StringJoiner inner = new java.util.StringJoiner("|", "<", ">");
        static StringJoiner new_() { return new StringJoiner(); }
        StringJoiner add(String s) { inner.add(s); return this; }
        StringJoiner merge(StringJoiner o) { inner.merge(o.inner); return this; }
        public String toString() { return inner.toString(); }
    }
}
