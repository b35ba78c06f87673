import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

public class Main {
    public static void main(String[] args) {
        Map<Integer, String> byInt = new HashMap<Integer, String>();
        int[] keys = {42, 7, 1000, -3, 16, 0, 65536, 31, 17};
        for (int k : keys) byInt.put(k, "v" + k);
        System.out.println(byInt);
        for (Map.Entry<Integer, String> e : byInt.entrySet()) System.out.println("  " + e.getKey() + "=" + e.getValue());
        Map<String, Integer> words = new HashMap<String, Integer>();
        String text = "the quick brown fox jumps over the lazy dog the fox";
        for (String w : text.split(" ")) {
            Integer c = words.get(w);
            words.put(w, c == null ? 1 : c + 1);
        }
        System.out.println(words);
        System.out.println("keySet " + words.keySet());
        System.out.println("values " + words.values());
        System.out.println("get(the)=" + words.get("the") + " get(cat)=" + words.get("cat") + " getOrDefault=" + words.getOrDefault("cat", -1) + " containsKey(fox)=" + words.containsKey("fox") + " containsValue(3)=" + words.containsValue(3));
        System.out.println("put returns old: " + words.put("dog", 9) + " remove returns: " + words.remove("lazy") + " putIfAbsent: " + words.putIfAbsent("dog", 0) + " size " + words.size());
        Iterator<Map.Entry<String, Integer>> it = words.entrySet().iterator();
        while (it.hasNext()) if (it.next().getValue() == 1) it.remove();
        System.out.println("after iterator remove " + words);
        Map<String, Integer> grow = new HashMap<String, Integer>();
        for (int i = 0; i < 100; i++) grow.put("key" + i, i);
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (String k : grow.keySet()) {
            if (n++ < 25) sb.append(k).append(',');
        }
        System.out.println("first 25 of 100 keys: " + sb);
        Map<Object, Object> nulls = new HashMap<Object, Object>();
        nulls.put(null, "nullkey");
        nulls.put("k", null);
        System.out.println("null handling " + nulls + " get(null)=" + nulls.get(null) + " containsKey(k)=" + nulls.containsKey("k"));
        Map<Long, Boolean> longs = new HashMap<Long, Boolean>();
        for (long l = -2; l <= 2; l++) longs.put(l * 1000000007L, l % 2 == 0);
        System.out.println("long keys " + longs);
        Map<Character, Integer> chars = new HashMap<Character, Integer>();
        for (char c : "mississippi".toCharArray()) {
            Integer c0 = chars.get(c);
            chars.put(c, c0 == null ? 1 : c0 + 1);
        }
        System.out.println("chars " + chars);
        LinkedHashMap<String, Integer> lhm = new LinkedHashMap<String, Integer>(16, 0.75f, true);
        lhm.put("a", 1); lhm.put("b", 2); lhm.put("c", 3);
        lhm.get("a");
        System.out.println("access-order LinkedHashMap " + lhm);
        System.out.println("equals " + byInt.equals(new HashMap<Integer, String>(byInt)) + " hashCode " + words.hashCode());
    }
}
