import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class Main {
    enum Op {
        ADD("+", (a, b) -> a + b), SUB("-", (a, b) -> a - b), MUL("*", (a, b) -> a * b), DIV("/", (a, b) -> a / b), MOD("%", Math::floorMod), POW("^", Op::pow);

        final String sym;
        final IntBinaryOperator f;
        Op(String sym, IntBinaryOperator f) { this.sym = sym; this.f = f; }
        int apply(int a, int b) { return f.applyAsInt(a, b); }
        static int pow(int a, int b) { int r = 1; for (int i = 0; i < b; i++) r *= a; return r; }
        static Op of(String s) { return Stream.of(values()).filter(o -> o.sym.equals(s)).findFirst().orElseThrow(() -> new IllegalArgumentException("no op " + s)); }
    }

    enum Level { LOW, MEDIUM, HIGH, CRITICAL }

    public static void main(String[] args) {
        for (Op o : Op.values()) {
            try {
                System.out.println(o + " " + o.sym + " 17,5 -> " + o.apply(17, 5) + " -17,5 -> " + o.apply(-17, 5) + " 7,0 -> " + o.apply(7, 0));
            } catch (ArithmeticException e) {
                System.out.println(o + " " + o.sym + " " + e.getMessage());
            }
        }
        System.out.println("of(*) " + Op.of("*") + " apply " + Op.of("*").apply(6, 7));
        try {
            Op.of("?");
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
        }
        Map<Level, Long> counts = Stream.of("HIGH", "LOW", "HIGH", "CRITICAL", "LOW", "HIGH").map(Level::valueOf)
            .collect(Collectors.groupingBy(l -> l, () -> new EnumMap<>(Level.class), Collectors.counting()));
        System.out.println("EnumMap counts " + counts);
        String names = Stream.of(Level.values()).filter(l -> l.compareTo(Level.MEDIUM) >= 0).map(l -> l.name().toLowerCase()).collect(Collectors.joining(","));
        System.out.println("at least MEDIUM " + names);
        for (Level l : Level.values()) {
            String advice = switch (l) {
                case LOW -> "ignore";
                case MEDIUM -> "watch";
                case HIGH, CRITICAL -> {
                    String s = "act";
                    yield l == Level.CRITICAL ? s.toUpperCase() + "!" : s;
                }
            };
            System.out.println(l.ordinal() + " " + l + " " + advice);
        }
    }
}
