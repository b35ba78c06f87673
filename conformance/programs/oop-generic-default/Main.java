import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

public class Main {
    interface Container<T> extends Iterable<T> {
        List<T> items();
        default int size() { return items().size(); }
        default <R> List<R> mapAll(Function<? super T, ? extends R> f) {
            List<R> out = new ArrayList<>();
            for (T t : items()) out.add(f.apply(t));
            return out;
        }
        default List<T> where(Predicate<? super T> p) {
            List<T> out = new ArrayList<>();
            for (T t : this) if (p.test(t)) out.add(t);
            return out;
        }
        default java.util.Iterator<T> iterator() { return items().iterator(); }
        default <R extends Comparable<R>> T maxBy(Function<T, R> key) {
            T best = null;
            R bestKey = null;
            for (T t : items()) {
                R k = key.apply(t);
                if (bestKey == null || k.compareTo(bestKey) > 0) { best = t; bestKey = k; }
            }
            return best;
        }
        static <T> Container<T> of(List<T> l) { return () -> l; }
    }

    interface Named { default String describe() { return "Named:" + getClass().getSimpleName(); } }
    interface Tagged { default String describe() { return "Tagged"; } }

    static class Bag implements Container<String>, Named, Tagged {
        private final List<String> xs = new ArrayList<>(List.of("kiwi", "banana", "fig", "cherry"));
        public List<String> items() { return xs; }
        public String describe() { return Named.super.describe() + "+" + Tagged.super.describe(); }
    }

    public static void main(String[] args) {
        Bag b = new Bag();
        System.out.println("size " + b.size() + " lengths " + b.mapAll(String::length) + " upper " + b.<String>mapAll(String::toUpperCase));
        System.out.println("where " + b.where(s -> s.contains("i")) + " maxBy length " + b.maxBy(String::length) + " maxBy last char " + b.maxBy(s -> s.charAt(s.length() - 1)));
        System.out.println(b.describe());
        Container<Integer> ints = Container.of(List.of(5, -2, 9, 4));
        int sum = 0;
        for (int i : ints) sum += i;
        System.out.println("lambda container size " + ints.size() + " sum " + sum + " squares " + ints.mapAll(i -> i * i) + " positive " + ints.where(i -> i > 0) + " max abs " + ints.maxBy(Math::abs));
        Container<List<String>> nested = Container.of(List.of(List.of("a"), List.of("b", "c")));
        System.out.println("nested sizes " + nested.mapAll(List::size));
    }
}
