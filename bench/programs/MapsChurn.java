import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GC: large maps built and dropped in a loop, far more garbage than the heap holds (the
 * program of conformance/programs/gc-maps-churn with its rounds as an argument, default 40).
 */
public class MapsChurn {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        // The computation's own time goes to stderr (`compute_ns N`) for the harness.
        long start = System.nanoTime();
        long total = 0;
        Map<Integer, String> keep = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
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
        System.out.println(keep.get(rounds - 1));
        System.err.println("compute_ns " + (System.nanoTime() - start));
    }
}
