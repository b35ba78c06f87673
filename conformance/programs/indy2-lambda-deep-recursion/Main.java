import java.util.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    static IntUnaryOperator countDown;
    static { countDown = n -> n == 0 ? 0 : 1 + countDown.applyAsInt(n - 1); }

    static int plain(int n) { return n == 0 ? 0 : 1 + plain(n - 1); }

    interface Visitor { int visit(int depth); }

    public static void main(String[] args) {
        for (int depth : new int[] {10, 50, 100, 500, 2000}) {
            System.out.println("depth " + depth + ": plain " + plain(depth) + " lambda " + countDown.applyAsInt(depth));
        }
        Supplier<Integer>[] deep = new Supplier[1];
        int[] counter = {0};
        deep[0] = () -> ++counter[0] < 3000 ? deep[0].get() : counter[0];
        System.out.println("supplier chain " + deep[0].get());
        Function<Integer, Long>[] sum = new Function[1];
        sum[0] = n -> n == 0 ? 0L : n + sum[0].apply(n - 1);
        System.out.println("boxed recursion " + sum[0].apply(1000));
        Visitor[] v = new Visitor[1];
        v[0] = d -> d >= 800 ? d : v[0].visit(d + 1);
        System.out.println("custom interface recursion " + v[0].visit(0));
        Map<Integer, Long> memo = new HashMap<>();
        Function<Integer, Long>[] fib = new Function[1];
        fib[0] = n -> {
            if (n < 2) return (long) n;
            Long c = memo.get(n);
            if (c != null) return c;
            long r = fib[0].apply(n - 1) + fib[0].apply(n - 2);
            memo.put(n, r);
            return r;
        };
        System.out.println("memo fib 90 " + fib[0].apply(90));
        List<Integer> nested = new ArrayList<>();
        Consumer<Integer>[] walk = new Consumer[1];
        walk[0] = n -> { if (n > 0) { nested.add(n); walk[0].accept(n - 1); } };
        walk[0].accept(300);
        System.out.println("consumer recursion " + nested.size() + " " + nested.stream().mapToInt(Integer::intValue).sum());
        System.out.println("stream inside recursion " + IntStream.rangeClosed(1, 5).map(i -> countDown.applyAsInt(i * 40)).boxed().collect(Collectors.toList()));
        try {
            countDown.applyAsInt(Integer.MAX_VALUE);
        } catch (StackOverflowError e) {
            System.out.println("StackOverflowError for unbounded recursion");
        }
    }
}
