import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

public class Main {
    private int count;
    private final String name;
    private static int statics = 100;
    private long total = 1L << 40;
    private final List<String> events = new ArrayList<>();

    Main(String name) { this.name = name; }

    private String privateHelper(int n) { return name + "#" + n; }

    Runnable incrementer() { return () -> count++; }

    Supplier<String> describer() { return () -> name + " count=" + count + " statics=" + statics + " total=" + total; }

    Consumer<String> logger(String prefix) {
        return msg -> events.add(prefix + ":" + msg + ":" + privateHelper(events.size()));
    }

    Function<Integer, Main> childMaker() { return n -> new Main(name + "." + n); }

    Supplier<Supplier<String>> nestedThis() { return () -> () -> "nested this " + this.name + " " + this.count; }

    class Inner {
        final int innerValue = 7;
        Supplier<String> both() { return () -> name + "/" + innerValue + "/" + count + "/" + Main.this.privateHelper(innerValue); }
    }

    static Runnable staticLambda() { return () -> statics += 5; }

    Runnable fieldWriter() {
        return () -> {
            total += count;
            statics *= 2;
        };
    }

    public static void main(String[] args) {
        Main m = new Main("main");
        Runnable inc = m.incrementer();
        for (int i = 0; i < 3; i++) inc.run();
        Supplier<String> d = m.describer();
        System.out.println(d.get());
        staticLambda().run();
        m.fieldWriter().run();
        System.out.println(d.get());
        Consumer<String> log = m.logger("L");
        log.accept("one");
        log.accept("two");
        m.logger("M").andThen(log).accept("three");
        System.out.println("events " + m.events);
        Main child = m.childMaker().apply(42);
        System.out.println("child " + child.describer().get());
        System.out.println(m.nestedThis().get().get());
        Main.Inner in = m.new Inner();
        System.out.println("inner " + in.both().get());
        m.count = 99;
        System.out.println("after field write " + in.both().get() + " | " + d.get());
        Object anon = new Object() {
            final String anonField = "anon";
            @Override
            public String toString() {
                Supplier<String> s = () -> anonField + " sees " + m.name + " " + getClass().isAnonymousClass();
                return s.get();
            }
        };
        System.out.println(anon);
    }
}
