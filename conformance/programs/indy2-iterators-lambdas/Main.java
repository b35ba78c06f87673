import java.util.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    static Iterable<Integer> range(int from, int to) {
        return () -> new Iterator<>() {
            int next = from;
            public boolean hasNext() { return next < to; }
            public Integer next() {
                if (!hasNext()) throw new NoSuchElementException("range exhausted at " + next);
                return next++;
            }
        };
    }

    static <T> Iterable<T> generate(Supplier<T> supplier, int count) {
        return () -> Stream.generate(supplier).limit(count).iterator();
    }

    static <T, R> Iterator<R> mapping(Iterator<T> it, Function<? super T, ? extends R> f) {
        return new Iterator<>() {
            public boolean hasNext() { return it.hasNext(); }
            public R next() { return f.apply(it.next()); }
        };
    }

    static Iterable<Long> fibonacci(int n) {
        return () -> new Iterator<Long>() {
            long a = 0, b = 1;
            int produced = 0;
            public boolean hasNext() { return produced < n; }
            public Long next() { long r = a; a = b; b = r + b; produced++; return r; }
        };
    }

    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (int i : range(3, 8)) sb.append(i).append(' ');
        System.out.println("for-each over lambda Iterable " + sb);
        range(0, 4).forEach(i -> System.out.print("[" + i + "]"));
        System.out.println();
        Iterator<Integer> it = range(0, 2).iterator();
        it.next();
        it.next();
        try {
            it.next();
        } catch (NoSuchElementException e) {
            System.out.println("exhausted: " + e.getMessage());
        }
        try {
            range(0, 1).iterator().remove();
        } catch (UnsupportedOperationException e) {
            System.out.println("default remove: " + e.getMessage());
        }
        int[] counter = {0};
        for (String s : generate(() -> "g" + counter[0]++, 4)) System.out.print(s + " ");
        System.out.println();
        Iterator<String> mapped = mapping(List.of(1, 2, 3).iterator(), i -> "#" + i * i);
        mapped.forEachRemaining(s -> System.out.print(s + " "));
        System.out.println();
        System.out.println("fibonacci " + StreamSupport.stream(fibonacci(15).spliterator(), false).map(String::valueOf).collect(Collectors.joining(",")));
        Spliterator<Integer> sp = range(0, 10).spliterator();
        System.out.println("spliterator estimate " + sp.estimateSize() + " characteristics " + sp.characteristics());
        sp.tryAdvance(i -> System.out.println("tryAdvance " + i));
        sp.forEachRemaining(i -> System.out.print(i));
        System.out.println();
        List<Integer> list = new ArrayList<>(List.of(5, 12, 7, 3, 18, 1, 10));
        list.removeIf(x -> x % 2 == 1);
        System.out.println("removeIf " + list);
        list.replaceAll(x -> x * 100 + list.size());
        System.out.println("replaceAll " + list);
        ListIterator<Integer> li = list.listIterator();
        while (li.hasNext()) {
            int idx = li.nextIndex();
            int v = li.next();
            if (idx == 1) li.set(-v);
            if (idx == 2) li.add(0);
        }
        System.out.println("listIterator " + list);
        while (li.hasPrevious()) System.out.print(li.previous() + "<");
        System.out.println();
        Iterator<Integer> remover = list.iterator();
        while (remover.hasNext()) if (remover.next() < 0) remover.remove();
        System.out.println("iterator remove " + list);
        try {
            for (Integer x : list) if (x == 0) list.add(1);
        } catch (ConcurrentModificationException e) {
            System.out.println("ConcurrentModificationException " + e.getMessage());
        }
        Map<String, Integer> tm = new TreeMap<>(Map.of("b", 2, "a", 1, "c", 3));
        tm.forEach((k, v) -> System.out.print(k + v + " "));
        System.out.println();
        tm.entrySet().removeIf(e -> e.getValue() == 2);
        tm.replaceAll((k, v) -> v * 11);
        System.out.println("map entry removeIf/replaceAll " + tm);
        Deque<String> dq = new ArrayDeque<>(List.of("x", "y", "z"));
        Iterator<String> desc = dq.descendingIterator();
        desc.forEachRemaining(s -> System.out.print(s));
        System.out.println();
        PrimitiveIterator.OfInt pit = IntStream.rangeClosed(1, 5).iterator();
        int total = 0;
        while (pit.hasNext()) total += pit.nextInt();
        System.out.println("primitive iterator " + total);
        Enumeration<String> en = Collections.enumeration(List.of("e1", "e2"));
        en.asIterator().forEachRemaining(System.out::println);
        Iterable<String> words = () -> Arrays.asList("one", "two", "three").iterator();
        System.out.println("stream from Iterable " + StreamSupport.stream(words.spliterator(), false).mapToInt(String::length).sum());
        Scanner sc = new Scanner("1 2 3 four 5");
        List<String> tokens = new ArrayList<>();
        sc.forEachRemaining(tokens::add);
        System.out.println("Scanner as iterator " + tokens);
        BitSet bits = new BitSet();
        range(0, 20).forEach(i -> { if (i % 3 == 0) bits.set(i); });
        System.out.println("bitset stream " + bits.stream().boxed().collect(Collectors.toList()) + " " + bits);
    }
}
