import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

public class Main {
    interface Describer { String describe(String label); }

    public static void main(String[] args) {
        byte by = -5;
        short sh = 1234;
        char ch = 'Q';
        int in = Integer.MIN_VALUE;
        long lo = Long.MAX_VALUE;
        float fl = -0.0f;
        double db = Double.NaN;
        boolean bo = true;
        String st = "str";
        Object nul = null;
        int[] arr = {1, 2, 3};
        List<String> list = new ArrayList<>(List.of("x"));
        Describer all = label -> label + ": " + by + " " + sh + " " + ch + " " + in + " " + lo + " " + fl + " " + db + " " + bo + " " + st + " " + nul + " " + arr.length + " " + list;
        System.out.println(all.describe("all"));
        arr[0] = 100;
        list.add("y");
        System.out.println(all.describe("mutated through captured refs") + " arr0=" + arr[0]);
        Supplier<Supplier<String>> nested = () -> {
            long inner = lo - 7;
            return () -> "nested " + inner + " " + ch + by;
        };
        System.out.println(nested.get().get());
        List<IntSupplier> suppliers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            final int copy = i * i;
            suppliers.add(() -> copy + 1);
        }
        StringBuilder sb = new StringBuilder();
        for (IntSupplier s : suppliers) sb.append(s.getAsInt()).append(' ');
        System.out.println("loop captures " + sb);
        for (String word : new String[] {"alpha", "beta"}) {
            Runnable r = () -> System.out.println("enhanced-for capture " + word + " " + word.length());
            r.run();
        }
        int[] counter = {0};
        Runnable inc = () -> counter[0]++;
        for (int i = 0; i < 7; i++) inc.run();
        System.out.println("counter via array " + counter[0]);
        Function<Integer, Function<Long, Function<Double, String>>> curried = a -> b -> c -> a + "+" + b + "+" + c + "=" + (a + b + c);
        System.out.println(curried.apply(1).apply(2L).apply(0.5));
        double base = 1.5;
        long scale = 3;
        Function<Integer, Double> mix = v -> v * base * scale;
        System.out.println("mixed slots " + mix.apply(4) + " " + mix.apply(-2));
        String captured = args.length == 0 ? "no args" : args[0];
        Supplier<Integer> lengthLater = captured::length;
        System.out.println("bound receiver " + captured + " " + lengthLater.get());
        Runnable deep = () -> {
            Runnable deeper = () -> {
                Runnable deepest = () -> System.out.println("three levels " + st + in + ch);
                deepest.run();
            };
            deeper.run();
        };
        deep.run();
        Supplier<String> a1 = () -> "same-site";
        List<Supplier<String>> fromLoop = new ArrayList<>();
        for (int i = 0; i < 3; i++) fromLoop.add(() -> "stateless");
        System.out.println("non-capturing reuse " + (fromLoop.get(0) == fromLoop.get(1)) + " " + (fromLoop.get(1) == fromLoop.get(2)) + " " + a1.get());
        List<Supplier<String>> capturing = new ArrayList<>();
        for (int i = 0; i < 3; i++) { int k = i; capturing.add(() -> "c" + k); }
        System.out.println("capturing distinct " + (capturing.get(0) != capturing.get(1)) + " " + capturing.get(2).get());
    }
}
