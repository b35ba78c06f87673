import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.stream.*;

public class Main {
    static <K extends Comparable<K>, V> String sorted(Map<K, V> m) { return new TreeMap<>(m).toString(); }

    public static void main(String[] args) throws Exception {
        ConcurrentHashMap<String, Integer> m = new ConcurrentHashMap<>();
        String text = "the quick brown fox jumps over the lazy dog the fox";
        for (String w : text.split(" ")) m.merge(w, 1, Integer::sum);
        System.out.println("merge counts " + sorted(m) + " size " + m.size() + " mappingCount " + m.mappingCount());
        m.compute("the", (k, v) -> v == null ? 1 : v * 10);
        m.compute("cat", (k, v) -> v == null ? 100 : v + 1);
        m.compute("dog", (k, v) -> null);
        System.out.println("compute " + m.get("the") + " " + m.get("cat") + " " + m.containsKey("dog"));
        m.computeIfAbsent("cat", k -> -1);
        m.computeIfAbsent("emu", String::length);
        m.computeIfAbsent("gnu", k -> null);
        System.out.println("computeIfAbsent " + m.get("cat") + " " + m.get("emu") + " " + m.containsKey("gnu"));
        m.computeIfPresent("fox", (k, v) -> v + 1000);
        m.computeIfPresent("yak", (k, v) -> 1);
        m.computeIfPresent("lazy", (k, v) -> null);
        System.out.println("computeIfPresent " + m.get("fox") + " " + m.get("yak") + " " + m.containsKey("lazy"));
        m.merge("quick", 5, (a, b) -> null);
        m.merge("brand-new", 5, (a, b) -> a + b);
        System.out.println("merge remove/insert " + m.containsKey("quick") + " " + m.get("brand-new"));
        System.out.println("after " + sorted(m));
        System.out.println("getOrDefault " + m.getOrDefault("none", -1) + " putIfAbsent " + m.putIfAbsent("cat", 0) + " " + m.putIfAbsent("owl", 0) + " replace " + m.replace("owl", 0, 9) + " " + m.replace("owl", 0, 10) + " " + m.get("owl") + " remove " + m.remove("owl", 1) + " " + m.remove("owl", 9));
        List<String> visited = new ArrayList<>();
        m.forEach((k, v) -> { synchronized (visited) { visited.add(k + "=" + v); } });
        Collections.sort(visited);
        System.out.println("forEach " + visited);
        List<String> visited2 = Collections.synchronizedList(new ArrayList<>());
        m.forEach(Long.MAX_VALUE, (k, v) -> k.length() > 3 ? k.toUpperCase() : null, visited2::add);
        Collections.sort(visited2);
        System.out.println("forEach transformer " + visited2);
        System.out.println("reduceValues " + m.reduceValues(Long.MAX_VALUE, Integer::sum) + " reduceKeys longest " + m.reduceKeys(Long.MAX_VALUE, (a, b) -> a.length() > b.length() || (a.length() == b.length() && a.compareTo(b) > 0) ? a : b));
        System.out.println("reduce " + m.reduce(Long.MAX_VALUE, (k, v) -> k.length() * v, Integer::sum) + " reduceToLong " + m.reduceValuesToLong(Long.MAX_VALUE, Integer::longValue, 0L, Long::sum));
        System.out.println("search " + m.search(Long.MAX_VALUE, (k, v) -> v == 100 ? k : null) + " " + m.searchValues(Long.MAX_VALUE, v -> v > 100000 ? v : null));
        ConcurrentHashMap.KeySetView<String, Boolean> set = ConcurrentHashMap.newKeySet();
        set.addAll(List.of("x", "y", "x", "z"));
        System.out.println("newKeySet " + new TreeSet<>(set) + " " + set.size());
        ConcurrentHashMap.KeySetView<String, Integer> keys = m.keySet(0);
        keys.add("defaulted");
        System.out.println("keySet default " + m.get("defaulted"));
        m.replaceAll((k, v) -> v + k.length());
        System.out.println("replaceAll " + sorted(m));
        System.out.println("entrySet stream " + m.entrySet().stream().filter(e -> e.getValue() > 10).map(Map.Entry::getKey).sorted().collect(Collectors.joining(",")));
        try {
            m.put(null, 1);
        } catch (NullPointerException e) {
            System.out.println("null key NPE");
        }
        try {
            m.put("k", null);
        } catch (NullPointerException e) {
            System.out.println("null value NPE");
        }
        ConcurrentHashMap<Integer, LongAdder> freq = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 1000; i++) freq.computeIfAbsent((i + id) % 10, k -> new LongAdder()).increment();
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        System.out.println("awaited " + pool.awaitTermination(10, TimeUnit.SECONDS));
        System.out.println("concurrent counts " + new TreeMap<>(freq.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()))));
        ConcurrentSkipListMap<String, Integer> skip = new ConcurrentSkipListMap<>(m);
        System.out.println("skip list " + skip.firstKey() + " " + skip.lastKey() + " " + skip.headMap("c") + " " + skip.ceilingEntry("m"));
        ConcurrentMap<String, List<Integer>> groups = IntStream.range(0, 12).boxed().collect(Collectors.groupingByConcurrent(i -> i % 3 == 0 ? "three" : "other"));
        System.out.println("groupingByConcurrent sizes " + groups.get("three").size() + " " + groups.get("other").size());
        CopyOnWriteArrayList<Integer> cow = new CopyOnWriteArrayList<>(List.of(1, 2, 3));
        for (Integer i : cow) cow.add(i * 10);
        System.out.println("copy on write " + cow + " addIfAbsent " + cow.addIfAbsent(1) + " " + cow.addIfAbsent(4));
    }
}
