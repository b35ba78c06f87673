import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

public class Main {
    public static void main(String[] args) {
        List<String> l = List.of("c", "a", "b");
        System.out.println("List.of " + l + " get " + l.get(1) + " indexOf " + l.indexOf("b") + " contains " + l.contains("z"));
        Map<String, Integer> m = Map.of("one", 1, "two", 2, "three", 3, "four", 4);
        System.out.println("Map.of sorted " + new TreeMap<>(m) + " size " + m.size() + " get " + m.get("three"));
        Set<Integer> s = Set.of(5, 3, 9, 1);
        System.out.println("Set.of sorted " + new TreeSet<>(s) + " contains 9 " + s.contains(9));
        Map<String, Integer> big = Map.ofEntries(Map.entry("k1", 1), Map.entry("k2", 2), Map.entry("k3", 3), Map.entry("k4", 4), Map.entry("k5", 5),
            Map.entry("k6", 6), Map.entry("k7", 7), Map.entry("k8", 8), Map.entry("k9", 9), Map.entry("k10", 10), Map.entry("k11", 11));
        System.out.println("ofEntries sorted " + new TreeMap<>(big));
        int sum = 0;
        for (int v : big.values()) sum += v;
        System.out.println("values sum (order-free) " + sum);
        try {
            l.add("d");
        } catch (UnsupportedOperationException e) {
            System.out.println("List.of add: UnsupportedOperationException " + e.getMessage());
        }
        try {
            m.put("five", 5);
        } catch (UnsupportedOperationException e) {
            System.out.println("Map.of put: UnsupportedOperationException");
        }
        try {
            List.of("x", null);
        } catch (NullPointerException e) {
            System.out.println("List.of null: NPE");
        }
        try {
            Set.of(1, 1);
        } catch (IllegalArgumentException e) {
            System.out.println("Set.of duplicate: " + e.getMessage());
        }
        try {
            Map.of("k", 1, "k", 2);
        } catch (IllegalArgumentException e) {
            System.out.println("Map.of duplicate: " + e.getMessage());
        }
        try {
            l.contains(null);
            System.out.println("contains(null) returned");
        } catch (NullPointerException e) {
            System.out.println("List.of contains(null): NPE");
        }
        List<String> copy = List.copyOf(new ArrayList<>(List.of("p", "q")));
        System.out.println("copyOf " + copy + " equals ArrayList " + copy.equals(new ArrayList<>(copy)) + " hashCode " + copy.hashCode());
        System.out.println("Map.entry " + Map.entry("k", "v") + " List.of() " + List.of() + " Map.of() " + Map.of() + " Set.of single " + Set.of("only"));
        System.out.println("Map.of equals HashMap " + m.equals(new java.util.HashMap<>(m)) + " hashCode " + m.hashCode() + " Set hashCode " + s.hashCode());
        List<List<Integer>> grid = List.of(List.of(1, 2), List.of(3, 4));
        System.out.println("nested " + grid + " subList " + List.of(1, 2, 3, 4, 5).subList(1, 4));
    }
}
