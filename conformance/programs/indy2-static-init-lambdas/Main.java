import java.util.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    static final List<String> LOG = new ArrayList<>();
    static final Map<String, BinaryOperator<Integer>> OPS = new LinkedHashMap<>();
    static final Function<String, String> SHOUT;
    static final Supplier<String> LATE = () -> "late sees " + Config.NAME;
    static int initCounter;

    static {
        LOG.add("Main.<clinit> start");
        OPS.put("+", (a, b) -> a + b);
        OPS.put("-", (a, b) -> a - b);
        OPS.put("*", (a, b) -> a * b);
        OPS.put("max", Math::max);
        SHOUT = s -> s.toUpperCase() + "!";
        Runnable r = () -> initCounter += 10;
        r.run();
        LOG.add("Main.<clinit> end counter=" + initCounter);
    }

    static class Config {
        static final String NAME;
        static final IntUnaryOperator SCALE;
        static {
            LOG.add("Config.<clinit>");
            NAME = Stream.of("c", "o", "n", "f").collect(Collectors.joining());
            SCALE = x -> x * NAME.length();
        }
    }

    static class Broken {
        static final Supplier<Integer> VALUE;
        static {
            LOG.add("Broken.<clinit>");
            Function<String, Integer> parse = Integer::parseInt;
            VALUE = () -> 1;
            parse.apply("not a number");
        }
        static void touch() {}
    }

    interface Registry {
        Map<String, Supplier<Object>> FACTORIES = Map.of(
            "list", ArrayList::new,
            "set", TreeSet::new,
            "sb", () -> new StringBuilder("fresh"));
        static Object make(String kind) { return FACTORIES.get(kind).get(); }
    }

    enum Planet {
        MERCURY(3.303e+23, 2.4397e6, m -> m / 2), EARTH(5.976e+24, 6.37814e6, m -> m);
        final double mass, radius;
        final DoubleUnaryOperator adjust;
        static final Map<String, Planet> BY_NAME = Arrays.stream(values()).collect(Collectors.toMap(p -> p.name().toLowerCase(), Function.identity()));
        Planet(double mass, double radius, DoubleUnaryOperator adjust) { this.mass = mass; this.radius = radius; this.adjust = adjust; }
        double gravity() { return adjust.applyAsDouble(6.67300E-11 * mass / (radius * radius)); }
    }

    static class Lazy {
        static { LOG.add("Lazy.<clinit>"); }
        static final Supplier<String> S = () -> "lazy value";
    }

    public static void main(String[] args) {
        LOG.add("main start");
        for (Map.Entry<String, BinaryOperator<Integer>> e : OPS.entrySet()) System.out.print(e.getKey() + "=" + e.getValue().apply(7, 3) + " ");
        System.out.println();
        System.out.println(SHOUT.apply("static") + " counter " + initCounter);
        System.out.println("log before Config " + LOG);
        System.out.println(LATE.get());
        System.out.println("scale " + Config.SCALE.applyAsInt(5) + " log " + LOG);
        Supplier<String> lazyRef = () -> Lazy.S.get();
        System.out.println("lambda referencing Lazy created; log has Lazy: " + LOG.contains("Lazy.<clinit>"));
        System.out.println(lazyRef.get() + "; log has Lazy: " + LOG.contains("Lazy.<clinit>"));
        try {
            Broken.touch();
        } catch (ExceptionInInitializerError e) {
            System.out.println("ExceptionInInitializerError cause " + e.getCause());
        }
        try {
            Broken.VALUE.get();
        } catch (NoClassDefFoundError e) {
            System.out.println("NoClassDefFoundError " + e.getMessage());
        }
        System.out.println("registry " + Registry.make("list") + " " + Registry.make("set") + " " + Registry.make("sb") + " distinct " + (Registry.make("list") != Registry.make("list")));
        for (Planet p : Planet.values()) System.out.printf("%s %.3f%n", p, p.gravity());
        System.out.println("by name " + new TreeMap<>(Planet.BY_NAME));
        System.out.println("final log " + LOG);
    }
}
