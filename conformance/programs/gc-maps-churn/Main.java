import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

// Large maps built and dropped in a loop: far more garbage than the heap holds.
public class Main {
    public static void main(String[] args) {
        long total = 0;
        Map<Integer, String> keep = new HashMap<>();
        for (int round = 0; round < 40; round++) {
            Map<Integer, String> map = new HashMap<>();
            for (int i = 0; i < 50_000; i++) {
                map.put(i, "v" + (i * 31 + round));
            }
            TreeMap<String, int[]> tree = new TreeMap<>();
            for (int i = 0; i < 10_000; i++) {
                tree.put("k" + (i ^ round), new int[i % 17]);
            }
            List<Object> junk = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                junk.add(new byte[256]);
            }
            total += map.get(round * 7).length() + tree.firstKey().length() + junk.size();
            keep.put(round, map.get(round));
            if (round % 10 == 9) {
                System.out.println("round " + round + ": total " + total + ", kept " + keep.size());
            }
        }
        System.out.println(keep.get(39));
        Runtime rt = Runtime.getRuntime();
        System.out.println("max <= 64 MiB: " + (rt.maxMemory() <= 64L << 20));
        System.out.println("free <= total: " + (rt.freeMemory() <= rt.totalMemory()));
    }
}
