import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

public class Main {
    static class CaseInsensitive implements Comparator<String> {
        public int compare(String a, String b) { return a.compareToIgnoreCase(b); }
    }

    public static void main(String[] args) {
        TreeMap<String, Integer> tm = new TreeMap<String, Integer>();
        String[] ws = {"delta", "alpha", "echo", "charlie", "bravo", "alpha", "Zulu"};
        for (int i = 0; i < ws.length; i++) tm.put(ws[i], i);
        System.out.println(tm);
        System.out.println("first=" + tm.firstKey() + " last=" + tm.lastKey() + " floor(c)=" + tm.floorKey("c") + " ceiling(c)=" + tm.ceilingKey("c") + " higher(echo)=" + tm.higherKey("echo") + " lower(alpha)=" + tm.lowerKey("alpha"));
        System.out.println("headMap(charlie)=" + tm.headMap("charlie") + " tailMap(charlie)=" + tm.tailMap("charlie") + " subMap=" + tm.subMap("b", "e"));
        NavigableMap<String, Integer> desc = tm.descendingMap();
        System.out.println("descending " + desc);
        Map.Entry<String, Integer> fe = tm.pollFirstEntry();
        System.out.println("pollFirst " + fe.getKey() + "=" + fe.getValue() + " now " + tm);
        TreeMap<String, Integer> ci = new TreeMap<String, Integer>(new CaseInsensitive());
        ci.put("b", 1); ci.put("A", 2); ci.put("a", 3); ci.put("C", 4);
        System.out.println("case-insensitive " + ci);
        TreeSet<Integer> ts = new TreeSet<Integer>();
        int seed = 7;
        for (int i = 0; i < 30; i++) {
            seed = (seed * 31 + 11) % 101;
            ts.add(seed);
        }
        System.out.println("treeset " + ts + " size " + ts.size());
        System.out.println("first " + ts.first() + " last " + ts.last() + " floor(50) " + ts.floor(50) + " ceiling(50) " + ts.ceiling(50) + " headSet(20) " + ts.headSet(20) + " tailSet(90,false) " + ts.tailSet(90, false));
        System.out.println("descendingSet " + ts.descendingSet());
        System.out.println("pollFirst " + ts.pollFirst() + " pollLast " + ts.pollLast() + " contains(42) " + ts.contains(42));
        TreeSet<String> byLen = new TreeSet<String>(new Comparator<String>() {
            public int compare(String a, String b) { return a.length() != b.length() ? a.length() - b.length() : a.compareTo(b); }
        });
        for (String w : "one two three four five six seven eight nine ten".split(" ")) byLen.add(w);
        System.out.println("byLen " + byLen);
        try {
            new TreeMap<Object, Object>().put(null, 1);
        } catch (NullPointerException e) {
            System.out.println("TreeMap null key: NPE");
        }
        try {
            TreeSet<Object> bad = new TreeSet<Object>();
            bad.add("s");
            bad.add(1);
        } catch (ClassCastException e) {
            System.out.println("mixed TreeSet: " + e.getMessage());
        }
        TreeMap<Integer, String> nums = new TreeMap<Integer, String>();
        for (int i = 10; i > 0; i -= 3) nums.put(i, Integer.toBinaryString(i));
        for (Map.Entry<Integer, String> e : nums.entrySet()) System.out.println(e.getKey() + " -> " + e.getValue());
    }
}
