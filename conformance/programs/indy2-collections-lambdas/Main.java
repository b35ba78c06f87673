import java.util.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    public static void main(String[] args) {
        Map<String, List<Integer>> multi = new TreeMap<>();
        String[] keys = {"a", "b", "a", "c", "b", "a"};
        for (int i = 0; i < keys.length; i++) multi.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(i);
        System.out.println("computeIfAbsent multimap " + multi);
        Map<String, Integer> counts = new TreeMap<>();
        for (String k : keys) counts.merge(k, 1, Integer::sum);
        counts.merge("a", 100, (old, v) -> null);
        System.out.println("merge " + counts);
        counts.compute("z", (k, v) -> v == null ? 26 : v + 1);
        counts.compute("z", (k, v) -> v == null ? 26 : v + 1);
        counts.computeIfPresent("b", (k, v) -> v * 50);
        counts.putIfAbsent("y", 0);
        counts.replaceAll((k, v) -> v + k.charAt(0));
        System.out.println("compute family " + counts + " getOrDefault " + counts.getOrDefault("q", -1));
        Map<String, Integer> hm = new HashMap<>();
        try {
            hm.computeIfAbsent("x", k -> { hm.put("y", 1); return 2; });
            System.out.println("no CME " + new TreeMap<>(hm));
        } catch (ConcurrentModificationException e) {
            System.out.println("HashMap.computeIfAbsent CME");
        }
        List<String> names = new ArrayList<>(List.of("Delta", "alpha", "Charlie", "bravo", "Echo"));
        names.sort(String.CASE_INSENSITIVE_ORDER);
        System.out.println("sort CI " + names);
        names.sort(null);
        System.out.println("sort natural " + names);
        Collections.sort(names, Comparator.comparing(String::length).thenComparing(Comparator.reverseOrder()));
        System.out.println("Collections.sort " + names);
        Integer[] boxes = {3, 1, 2};
        Arrays.sort(boxes, (a, b) -> b - a);
        int[] squares = new int[6];
        Arrays.setAll(squares, i -> i * i);
        long[] fact = new long[10];
        fact[0] = 1;
        Arrays.parallelPrefix(fact, (a, b) -> a == 0 ? 1 : a * (b == 0 ? 1 : b));
        double[] halves = new double[3];
        Arrays.setAll(halves, i -> i / 2.0);
        String[] strs = new String[3];
        Arrays.setAll(strs, i -> "s" + i);
        System.out.println("arrays " + Arrays.toString(boxes) + " " + Arrays.toString(squares) + " " + Arrays.toString(halves) + " " + Arrays.toString(strs));
        int[] prefix = {1, 2, 3, 4, 5};
        Arrays.parallelPrefix(prefix, Integer::sum);
        System.out.println("parallelPrefix " + Arrays.toString(prefix));
        System.out.println("binarySearch comparator " + Arrays.binarySearch(new String[] {"ccc", "bb", "a"}, "bb", Comparator.comparing(String::length).reversed()));
        Deque<Integer> stack = new ArrayDeque<>();
        IntStream.range(0, 5).forEach(stack::push);
        stack.removeIf(i -> i % 2 == 0);
        System.out.println("deque " + stack);
        PriorityQueue<String> pq = new PriorityQueue<>(Comparator.comparing(String::length).thenComparing(Function.identity()));
        pq.addAll(List.of("kiwi", "fig", "banana", "apple", "date"));
        StringBuilder sb = new StringBuilder();
        while (!pq.isEmpty()) sb.append(pq.poll()).append(' ');
        System.out.println("priority " + sb);
        Set<String> treeSet = new TreeSet<>(Comparator.comparing(String::toLowerCase));
        treeSet.addAll(List.of("B", "a", "b", "C", "A"));
        System.out.println("TreeSet CI dedupe " + treeSet);
        NavigableMap<Integer, String> nav = new TreeMap<>(Comparator.reverseOrder());
        IntStream.rangeClosed(1, 5).forEach(i -> nav.put(i * 10, "v" + i));
        System.out.println("reverse map " + nav + " first " + nav.firstKey() + " floor(25) " + nav.floorKey(25) + " head(30) " + nav.headMap(30));
        List<Integer> nums = IntStream.rangeClosed(1, 10).boxed().collect(Collectors.toCollection(ArrayList::new));
        nums.removeIf(n -> n % 3 == 0);
        nums.replaceAll(n -> n * n);
        System.out.println("list ops " + nums + " indexOf " + nums.indexOf(16));
        Iterator<Integer> it = nums.iterator();
        it.forEachRemaining(n -> { if (n > 40) System.out.print(n + " "); });
        System.out.println();
        Map<Boolean, List<Integer>> split = new TreeMap<>(nums.stream().collect(Collectors.partitioningBy(n -> n % 2 == 0)));
        System.out.println("partition " + split);
        LinkedHashMap<String, Integer> lru = new LinkedHashMap<>(16, 0.75f, true) {
            protected boolean removeEldestEntry(Map.Entry<String, Integer> e) { return size() > 3; }
        };
        for (String k : List.of("a", "b", "c", "a", "d", "e", "a")) lru.merge(k, 1, Integer::sum);
        System.out.println("LRU " + lru);
        EnumMap<Thread.State, Integer> em = new EnumMap<>(Thread.State.class);
        for (Thread.State s : Thread.State.values()) em.put(s, s.name().length());
        em.replaceAll((k, v) -> v * 2);
        System.out.println("EnumMap " + em);
        Map<Character, Long> freq = "hello world".chars().filter(Character::isLetter).mapToObj(c -> (char) c).collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        System.out.println("char freq " + freq);
        List<List<String>> chunks = IntStream.range(0, (names.size() + 1) / 2).mapToObj(i -> names.subList(2 * i, Math.min(names.size(), 2 * i + 2))).collect(Collectors.toList());
        System.out.println("chunks " + chunks);
        Map<String, Integer> unmodifiable = Map.copyOf(counts);
        try {
            unmodifiable.computeIfAbsent("new", k -> 1);
        } catch (UnsupportedOperationException e) {
            System.out.println("immutable computeIfAbsent UOE " + e.getMessage());
        }
        List<Runnable> tasks = new ArrayList<>();
        StringBuilder order = new StringBuilder();
        for (String n : List.of("t1", "t2", "t3")) tasks.add(() -> order.append(n).append(';'));
        tasks.forEach(Runnable::run);
        Collections.reverse(tasks);
        tasks.forEach(Runnable::run);
        System.out.println("task order " + order);
    }
}
