import java.math.BigInteger;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    static IntUnaryOperator factorial;
    static { factorial = n -> n <= 1 ? 1 : n * factorial.applyAsInt(n - 1); }

    final Function<Integer, Long> fib = n -> n < 2 ? n : this.fib.apply(n - 1) + this.fib.apply(n - 2);

    interface SelfApply<T> { T apply(SelfApply<T> self); }

    static <A, R> Function<A, R> fix(Function<Function<A, R>, Function<A, R>> f) {
        return new Function<A, R>() {
            public R apply(A a) { return f.apply(this).apply(a); }
        };
    }

    static <A, R> Function<A, R> memo(Map<A, R> cache, BiFunction<Function<A, R>, A, R> body) {
        Function<A, R>[] self = new Function[1];
        self[0] = a -> {
            R cached = cache.get(a);
            if (cached != null) return cached;
            R r = body.apply(self[0], a);
            cache.put(a, r);
            return r;
        };
        return self[0];
    }

    record Tree(int value, List<Tree> children) {
        static Tree leaf(int v) { return new Tree(v, List.of()); }
    }

    public static void main(String[] args) {
        System.out.println("static field factorial " + IntStream.rangeClosed(0, 12).map(factorial).boxed().collect(Collectors.toList()));
        Main m = new Main();
        System.out.println("instance field fib " + IntStream.range(0, 20).mapToObj(m.fib::apply).collect(Collectors.toList()));
        Function<Integer, Integer> gcd = fix(self -> n -> n);
        BiFunction<Integer, Integer, Integer>[] gcdRef = new BiFunction[1];
        gcdRef[0] = (a, b) -> b == 0 ? a : gcdRef[0].apply(b, a % b);
        System.out.println("array-held gcd " + gcdRef[0].apply(1071, 462) + " " + gcdRef[0].apply(17, 5) + " " + gcd.apply(7));
        Function<Integer, BigInteger> fact = fix(self -> n -> n <= 1 ? BigInteger.ONE : BigInteger.valueOf(n).multiply(self.apply(n - 1)));
        System.out.println("fix-point factorial 30 " + fact.apply(30));
        Function<Integer, Integer> ackermannish = fix(self -> n -> n == 0 ? 1 : 2 * self.apply(n - 1));
        System.out.println("fix-point powers " + IntStream.range(0, 11).boxed().map(ackermannish).collect(Collectors.toList()));
        SelfApply<IntUnaryOperator> y = self -> n -> n == 0 ? 0 : n + self.apply(self).applyAsInt(n - 1);
        System.out.println("self application sum 40 " + y.apply(y).applyAsInt(40));
        Map<Integer, BigInteger> cache = new HashMap<>();
        Function<Integer, BigInteger> fastFib = memo(cache, (self, n) -> n < 2 ? BigInteger.valueOf(n) : self.apply(n - 1).add(self.apply(n - 2)));
        System.out.println("memo fib 25 " + fastFib.apply(25) + " cache " + cache.size() + " then 29 " + fastFib.apply(29));
        Tree t = new Tree(1, List.of(new Tree(2, List.of(Tree.leaf(4), Tree.leaf(5))), new Tree(3, List.of(Tree.leaf(6)))));
        ToIntFunction<Tree>[] sum = new ToIntFunction[1];
        sum[0] = node -> node.value() + node.children().stream().mapToInt(sum[0]).sum();
        Function<Tree, Integer>[] depth = new Function[1];
        depth[0] = node -> 1 + node.children().stream().map(depth[0]).max(Integer::compare).orElse(0);
        Function<Tree, String>[] show = new Function[1];
        show[0] = node -> node.children().isEmpty() ? String.valueOf(node.value()) : node.value() + node.children().stream().map(show[0]).collect(Collectors.joining(" ", "(", ")"));
        System.out.println("tree sum " + sum[0].applyAsInt(t) + " depth " + depth[0].apply(t) + " show " + show[0].apply(t));
        BiFunction<String, Integer, List<String>>[] perms = new BiFunction[1];
        perms[0] = (s, k) -> {
            if (k == 0) return List.of("");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                String rest = s.substring(0, i) + s.substring(i + 1);
                for (String p : perms[0].apply(rest, k - 1)) out.add(c + p);
            }
            return out;
        };
        System.out.println("permutations " + perms[0].apply("abc", 3) + " k=2 count " + perms[0].apply("abcd", 2).size());
        Function<Integer, Stream<List<Integer>>>[] queens = new Function[1];
        int n = 6;
        queens[0] = row -> row == 0 ? Stream.of(List.of()) : queens[0].apply(row - 1).flatMap(placed -> IntStream.range(0, n)
            .filter(col -> IntStream.range(0, placed.size()).noneMatch(r -> placed.get(r) == col || Math.abs(placed.get(r) - col) == placed.size() - r))
            .mapToObj(col -> { List<Integer> next = new ArrayList<>(placed); next.add(col); return next; }));
        List<List<Integer>> solutions = queens[0].apply(n).collect(Collectors.toList());
        System.out.println("6 queens solutions " + solutions.size() + " first " + solutions.get(0));
        UnaryOperator<String> collatz = new UnaryOperator<>() {
            public String apply(String s) {
                long v = Long.parseLong(s.substring(s.lastIndexOf(' ') + 1));
                return v == 1 ? s : apply(s + " " + (v % 2 == 0 ? v / 2 : 3 * v + 1));
            }
        };
        System.out.println("collatz " + collatz.apply("27").split(" ").length + " steps");
    }
}
