import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class Main {
    record Item(String sku, String category, int qty, double price) {}

    public static void main(String[] args) {
        List<Item> items = List.of(new Item("A-1", "tools", 3, 9.99), new Item("B-7", "food", 10, 1.25), new Item("C-3", "tools", 1, 49.0),
            new Item("D-2", "toys", 4, 15.5), new Item("E-9", "food", 2, 3.75));
        TreeMap<String, Integer> qtyBySku = items.stream().collect(Collectors.toMap(Item::sku, Item::qty, (a, b) -> a, TreeMap::new));
        System.out.println("toMap TreeMap " + qtyBySku + " first " + qtyBySku.firstKey() + " class " + qtyBySku.getClass().getSimpleName());
        Map<String, Double> valueByCat = items.stream().collect(Collectors.toMap(Item::category, i -> i.qty() * i.price(), Double::sum, TreeMap::new));
        System.out.println("merged values " + valueByCat);
        Map<String, Item> bySku = items.stream().collect(Collectors.toMap(Item::sku, Function.identity()));
        System.out.println("HashMap with String keys " + bySku.keySet());
        try {
            items.stream().collect(Collectors.toMap(Item::category, Item::sku));
        } catch (IllegalStateException e) {
            System.out.println("duplicate key: " + e.getMessage());
        }
        Map<Integer, String> byLen = Stream.of("one", "three", "five", "seven", "eleven").collect(Collectors.toMap(String::length, s -> s, (a, b) -> a + "|" + b, TreeMap::new));
        System.out.println("byLen " + byLen);
        TreeMap<String, List<String>> grouped = items.stream().collect(Collectors.groupingBy(Item::category, TreeMap::new, Collectors.mapping(Item::sku, Collectors.toList())));
        System.out.println("grouped " + grouped + " descending " + grouped.descendingMap());
        Map<Boolean, Long> cheap = items.stream().collect(Collectors.partitioningBy(i -> i.price() < 10, Collectors.counting()));
        System.out.println("partition counts " + cheap);
        Map<String, Integer> unmod = items.stream().collect(Collectors.toUnmodifiableMap(Item::sku, Item::qty));
        System.out.println("unmodifiable sorted " + new TreeMap<>(unmod));
        try {
            unmod.put("Z", 1);
        } catch (UnsupportedOperationException e) {
            System.out.println("unmodifiable put: UnsupportedOperationException");
        }
        try {
            items.stream().collect(Collectors.toMap(Item::sku, i -> (String) null));
        } catch (NullPointerException e) {
            System.out.println("null value in toMap: NPE");
        }
    }
}
