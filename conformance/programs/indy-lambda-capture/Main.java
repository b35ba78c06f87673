import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.Supplier;

public class Main {
    private int base = 100;
    private String name = "main-instance";

    List<Supplier<String>> makeSuppliers() {
        List<Supplier<String>> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int copy = i;
            out.add(() -> name + "#" + copy + " base=" + base);
        }
        return out;
    }

    Function<Integer, Integer> adder() { return x -> x + base; }

    public static void main(String[] args) {
        Main m = new Main();
        for (Supplier<String> s : m.makeSuppliers()) System.out.println(s.get());
        Function<Integer, Integer> add = m.adder();
        System.out.println(add.apply(5));
        m.base = 1000;
        System.out.println("after field change " + add.apply(5));
        String prefix = "p:";
        long factor = 3L;
        BiFunction<String, Integer, String> bf = (s, n) -> prefix + s.repeat(n) + (n * factor);
        System.out.println(bf.apply("ab", 3));
        IntBinaryOperator gcd = new IntBinaryOperator() {
            public int applyAsInt(int a, int b) { return b == 0 ? a : applyAsInt(b, a % b); }
        };
        IntBinaryOperator lcm = (a, b) -> a / gcd.applyAsInt(a, b) * b;
        System.out.println("lcm(12,18)=" + lcm.applyAsInt(12, 18));
        int[] counter = {0};
        Runnable r = () -> counter[0]++;
        for (int i = 0; i < 5; i++) r.run();
        System.out.println("counter " + counter[0]);
        Function<Integer, Function<Integer, Integer>> curried = a -> b -> a * 10 + b;
        System.out.println("curried " + curried.apply(4).apply(2));
        Supplier<Supplier<String>> nested = () -> () -> "nested " + prefix;
        System.out.println(nested.get().get());
        Function<Integer, Integer> inc = x -> x + 1;
        Function<Integer, Integer> dbl = x -> x * 2;
        System.out.println("andThen " + inc.andThen(dbl).apply(5) + " compose " + inc.compose(dbl).apply(5) + " identity " + Function.<String>identity().apply("id"));
        Runnable self = m::describe;
        self.run();
        List<Runnable> tasks = new ArrayList<>();
        for (String w : new String[] {"x", "y", "z"}) tasks.add(() -> System.out.print(w + w.toUpperCase() + " "));
        tasks.forEach(Runnable::run);
        System.out.println();
        char sep = '|';
        double scale = 0.5;
        boolean flag = true;
        Supplier<String> prims = () -> "" + sep + scale + flag + factor;
        System.out.println(prims.get());
    }

    void describe() { System.out.println("describe sees " + name + " " + base); }
}
