import java.util.*;
import java.util.function.*;

public class Main {
    static class Bomb {
        final String why;
        Bomb(String why) { this.why = why; }
        @Override public String toString() { throw new IllegalStateException("toString of " + why); }
        @Override public int hashCode() { throw new UnsupportedOperationException("hashCode of " + why); }
    }

    record Holder(String name, Object payload) {}

    static int explode(int x) {
        if (x > 2) throw new ArithmeticException("explode " + x);
        return x;
    }

    static void run(String label, Runnable r) {
        try {
            r.run();
            System.out.println(label + ": no exception");
        } catch (RuntimeException e) {
            System.out.println(label + ":");
            e.printStackTrace(System.out);
        }
    }

    interface ThrowingRunnable { void run() throws Throwable; }

    static Runnable unchecked(ThrowingRunnable t) {
        return () -> {
            try {
                t.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new RuntimeException("wrapped", e);
            }
        };
    }

    public static void main(String[] args) throws Throwable {
        run("concat", () -> System.out.println("value " + new Bomb("concat")));
        run("concat two args", () -> System.out.println(1 + "a" + new Bomb("second") + 2L));
        run("record hashCode", () -> System.out.println(new Holder("h", new Bomb("record")).hashCode()));
        run("lambda", () -> {
            IntUnaryOperator f = Main::explode;
            System.out.println(f.applyAsInt(5));
        });
        run("lambda in lambda", () -> {
            Function<Integer, Integer> outer = x -> {
                Function<Integer, Integer> inner = y -> explode(y * 10);
                return inner.apply(x);
            };
            outer.apply(1);
        });
        run("Optional.map", () -> Optional.of(7).map(Main::explode));
        run("Supplier via orElseGet", () -> Optional.<String>empty().orElseGet(() -> { throw new NoSuchElementException("supplied nothing"); }));
        run("checked exception wrapped", unchecked(() -> { throw new java.io.IOException("disk on fire"); }));
        run("bound method ref on null", () -> {
            String s = null;
            Supplier<Integer> len = s::length;
            System.out.println(len.get());
        });
        run("Comparator lambda", () -> {
            List<String> l = new ArrayList<>(List.of("b", "a", "c"));
            l.sort((x, y) -> { throw new ClassCastException("cannot compare " + x + " " + y); });
        });
        run("Iterable.forEach", () -> List.of(1, 2, 3).forEach(i -> explode(i)));
        run("unboxing null in lambda", () -> {
            Function<Integer, Integer> inc = i -> i + 1;
            inc.apply(null);
        });
    }
}
