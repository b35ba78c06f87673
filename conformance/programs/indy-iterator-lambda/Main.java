import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.stream.StreamSupport;

public class Main {
    static Iterable<Integer> range(int from, int to, int step) {
        return () -> new Iterator<>() {
            int cur = from;
            public boolean hasNext() { return cur < to; }
            public Integer next() {
                if (!hasNext()) throw new NoSuchElementException("done at " + cur);
                int v = cur;
                cur += step;
                return v;
            }
        };
    }

    static IntSupplier fibs() {
        int[] st = {0, 1};
        return () -> {
            int r = st[0];
            int n = st[0] + st[1];
            st[0] = st[1];
            st[1] = n;
            return r;
        };
    }

    public static void main(String[] args) {
        for (int i : range(0, 20, 3)) System.out.print(i + " ");
        System.out.println();
        Iterable<Integer> r = range(1, 6, 1);
        r.forEach(i -> System.out.print("[" + i * i + "]"));
        System.out.println();
        System.out.println("stream from iterable " + StreamSupport.stream(r.spliterator(), false).map(i -> i * 10).toList());
        IntSupplier f = fibs();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 15; i++) sb.append(f.getAsInt()).append(',');
        System.out.println("fibs " + sb);
        List<String> list = new ArrayList<>(List.of("alpha", "beta", "gamma", "delta", "epsilon"));
        list.removeIf(s -> s.length() == 5);
        System.out.println("removeIf " + list);
        Iterator<String> it = list.iterator();
        it.forEachRemaining(s -> System.out.println("remaining " + s));
        Map<String, Integer> tm = new TreeMap<>();
        for (String s : List.of("x", "yy", "zzz")) tm.put(s, s.length());
        tm.forEach((k, v) -> System.out.println(k + " => " + v));
        tm.replaceAll((k, v) -> v * 100);
        System.out.println("replaceAll " + tm);
        tm.entrySet().removeIf(e -> e.getValue() > 150);
        System.out.println("entry removeIf " + tm);
        Spliterator<Integer> sp = List.of(1, 2, 3, 4).spliterator();
        sp.tryAdvance(x -> System.out.println("tryAdvance " + x));
        sp.forEachRemaining(x -> System.out.print("rest " + x + " "));
        System.out.println();
        Iterator<Integer> empty = range(5, 5, 1).iterator();
        try {
            empty.next();
        } catch (NoSuchElementException e) {
            System.out.println("NoSuchElementException " + e.getMessage());
        }
    }
}
