import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

public class Main {
    public static void main(String[] args) throws InterruptedException {
        ConcurrentHashMap<String, Integer> words = new ConcurrentHashMap<>();
        String text = "one fish two fish red fish blue fish one two";
        for (String w : text.split(" ")) words.merge(w, 1, Integer::sum);
        System.out.println("merge counts " + new TreeMap<>(words));
        words.compute("fish", (k, v) -> v == null ? 0 : v * 100);
        words.compute("green", (k, v) -> v == null ? -1 : v);
        words.computeIfAbsent("yellow", k -> k.length());
        words.computeIfAbsent("one", k -> 999);
        words.computeIfPresent("two", (k, v) -> v + 40);
        words.computeIfPresent("purple", (k, v) -> 1);
        words.compute("red", (k, v) -> null);
        System.out.println("after compute " + new TreeMap<>(words));
        System.out.println("getOrDefault " + words.getOrDefault("missing", -5) + " putIfAbsent " + words.putIfAbsent("one", 7) + " replace " + words.replace("one", 2, 22) + " remove(k,v) " + words.remove("blue", 999));
        ConcurrentHashMap<Integer, Integer> hist = new ConcurrentHashMap<>();
        Thread[] ts = new Thread[4];
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(() -> {
                for (int i = 0; i < 20000; i++) hist.merge(i % 10, 1, Integer::sum);
            });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        System.out.println("concurrent merge " + hist);
        System.out.println("reduceValues " + hist.reduceValues(1, Integer::sum) + " mappingCount " + hist.mappingCount());
        System.out.println("search " + hist.search(1, (k, v) -> k == 7 ? k * v : null));
        ConcurrentMap<String, Long> m2 = new ConcurrentHashMap<>();
        for (int i = 0; i < 100; i++) m2.merge("k" + (i % 7), (long) i, Long::sum);
        System.out.println("sorted sums " + new TreeMap<>(m2));
        try {
            words.put(null, 1);
        } catch (NullPointerException e) {
            System.out.println("null key: NPE");
        }
        try {
            words.put("x", null);
        } catch (NullPointerException e) {
            System.out.println("null value: NPE");
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(words).forEach((k, v) -> sb.append(k).append(':').append(v).append(' '));
        System.out.println("forEach sorted " + sb.toString().trim());
        Map<Integer, String> intKeys = new ConcurrentHashMap<>();
        for (int i = 20; i > 0; i -= 3) intKeys.put(i, "v" + i);
        System.out.println("Integer keys iteration " + intKeys);
        ConcurrentHashMap.KeySetView<String, Boolean> set = ConcurrentHashMap.newKeySet();
        set.add("b"); set.add("a"); set.add("b");
        System.out.println("newKeySet size " + set.size() + " contains a " + set.contains("a"));
    }
}
