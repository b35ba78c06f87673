import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

public class Main {
    record City(String name, String country, int population) {}

    public static void main(String[] args) {
        List<City> cities = List.of(
            new City("Paris", "FR", 2148), new City("Lyon", "FR", 513), new City("Berlin", "DE", 3645),
            new City("Munich", "DE", 1472), new City("Hamburg", "DE", 1841), new City("Rome", "IT", 2873),
            new City("Milan", "IT", 1352), new City("Nice", "FR", 342), new City("Turin", "IT", 870));
        Map<String, List<String>> byCountry = cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.mapping(City::name, Collectors.toList())));
        System.out.println("byCountry " + byCountry);
        Map<String, Long> counts = cities.stream().collect(Collectors.groupingBy(City::country, Collectors.counting()));
        System.out.println("counts (HashMap of String keys) " + counts);
        Map<String, Integer> pop = cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.summingInt(City::population)));
        System.out.println("population " + pop);
        Map<String, Double> avg = cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.averagingInt(City::population)));
        System.out.println("average " + avg);
        Map<String, String> biggest = cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new,
            Collectors.collectingAndThen(Collectors.maxBy(java.util.Comparator.comparingInt(City::population)), o -> o.get().name())));
        System.out.println("biggest " + biggest);
        Map<Boolean, List<String>> big = cities.stream().collect(Collectors.partitioningBy(c -> c.population() > 1500, Collectors.mapping(City::name, Collectors.toList())));
        System.out.println("partition " + big);
        Map<String, String> joined = cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.mapping(City::name, Collectors.joining("+"))));
        System.out.println("joined " + joined);
        Map<Integer, List<String>> byLen = cities.stream().map(City::name).collect(Collectors.groupingBy(String::length));
        System.out.println("by name length " + byLen);
        List<List<Integer>> nested = List.of(List.of(1, 2), List.of(3), List.of(), List.of(4, 5, 6));
        System.out.println("flatMap " + nested.stream().flatMap(List::stream).map(i -> i * 10).toList());
        System.out.println("flatMap chars " + cities.stream().limit(3).flatMap(c -> c.name().chars().mapToObj(ch -> (char) ch)).map(String::valueOf).collect(Collectors.joining()));
        System.out.println("flatMapToInt sum " + nested.stream().flatMapToInt(l -> l.stream().mapToInt(Integer::intValue)).sum());
        Map<Character, Long> letters = cities.stream().map(City::name).flatMap(n -> n.toLowerCase().chars().mapToObj(c -> (char) c)).collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
        System.out.println("letters " + letters);
        System.out.println("summarizing " + cities.stream().collect(Collectors.summarizingInt(City::population)));
        System.out.println("teeing " + cities.stream().collect(Collectors.teeing(Collectors.counting(), Collectors.summingInt(City::population), (n, s) -> s + "/" + n)));
    }
}
