import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class Main {
    public static void main(String[] args) {
        Map<String, List<Integer>> index = new TreeMap<>();
        String[] words = "to be or not to be that is the question to ask".split(" ");
        for (int i = 0; i < words.length; i++) index.computeIfAbsent(words[i], k -> new ArrayList<>()).add(i);
        System.out.println("index " + index);
        Map<String, Integer> counts = new HashMap<>();
        for (String w : words) counts.merge(w, 1, Integer::sum);
        System.out.println("counts " + counts);
        counts.merge("to", 1, (a, b) -> null);
        System.out.println("merge to null removes: " + counts.containsKey("to"));
        counts.replaceAll((k, v) -> v * k.length());
        System.out.println("replaceAll " + counts);
        counts.putIfAbsent("new", 0);
        counts.putIfAbsent("be", 99);
        System.out.println("putIfAbsent " + counts.get("new") + " " + counts.get("be"));
        System.out.println("getOrDefault " + counts.getOrDefault("nope", -1) + " remove(k,v) " + counts.remove("be", 4) + " replace(k,old,new) " + counts.replace("or", 2, 20) + " replace(k,v) " + counts.replace("zzz", 1));
        counts.computeIfPresent("or", (k, v) -> v + 1);
        counts.computeIfPresent("is", (k, v) -> null);
        counts.compute("ask", (k, v) -> v == null ? 1 : v * 1000);
        System.out.println("after computes " + counts);
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(k.charAt(0)));
        System.out.println("forEach first letters " + sb);
        Map<Integer, String> intMap = new HashMap<>();
        for (int i = 0; i < 40; i += 3) intMap.put(i * 17, "v" + i);
        System.out.println("int keys " + intMap);
        intMap.entrySet().removeIf(e -> e.getKey() % 2 == 0);
        intMap.values().removeIf(v -> v.endsWith("9"));
        intMap.keySet().removeIf(k -> k > 500);
        System.out.println("after removeIf " + intMap);
        Map.Entry<String, Integer> e = Map.entry("k", 1);
        System.out.println("comparingByKey " + Map.Entry.<String, Integer>comparingByKey().compare(e, Map.entry("j", 5)) + " comparingByValue " + Map.Entry.<String, Integer>comparingByValue().compare(e, Map.entry("j", 5)));
        List<Map.Entry<String, Integer>> top = new ArrayList<>(counts.entrySet());
        top.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        System.out.println("top 3 " + top.subList(0, 3));
    }
}
