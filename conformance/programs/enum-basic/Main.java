import java.util.EnumMap;
import java.util.Map;

enum Color { RED, GREEN, BLUE }

enum Planet {
    MERCURY(3.303e+23, 2.4397e6), EARTH(5.976e+24, 6.37814e6), JUPITER(1.9e+27, 7.1492e7);
    private final double mass, radius;
    Planet(double mass, double radius) { this.mass = mass; this.radius = radius; }
    double gravity() { return 6.67300E-11 * mass / (radius * radius); }
}

enum Op {
    PLUS("+") { int apply(int a, int b) { return a + b; } },
    TIMES("*") { int apply(int a, int b) { return a * b; } };
    final String sym;
    Op(String s) { sym = s; }
    abstract int apply(int a, int b);
    public String toString() { return "Op" + sym; }
}

public class Main {
    static String describe(Color c) {
        switch (c) {
            case RED: return "warm";
            case GREEN: return "natural";
            default: return "cool";
        }
    }

    public static void main(String[] args) {
        for (Color c : Color.values()) {
            System.out.println(c + " ordinal=" + c.ordinal() + " name=" + c.name() + " " + describe(c) + " cmp RED " + c.compareTo(Color.RED));
        }
        System.out.println("valueOf " + Color.valueOf("GREEN") + " same " + (Color.valueOf("GREEN") == Color.GREEN));
        try {
            Color.valueOf("PURPLE");
        } catch (IllegalArgumentException e) {
            System.out.println("IAE: " + e.getMessage());
        }
        for (Planet p : Planet.values()) System.out.println(p + " g=" + p.gravity());
        for (Op o : Op.values()) System.out.println(o + " " + o.name() + " 6,7 -> " + o.apply(6, 7) + " class=" + o.getClass().getName() + " declaring=" + o.getDeclaringClass().getName());
        EnumMap<Color, Integer> counts = new EnumMap<Color, Integer>(Color.class);
        String[] picks = {"BLUE", "RED", "BLUE", "BLUE", "RED"};
        for (String s : picks) {
            Color c = Color.valueOf(s);
            Integer old = counts.get(c);
            counts.put(c, old == null ? 1 : old + 1);
        }
        System.out.println("EnumMap " + counts);
        for (Map.Entry<Color, Integer> e : counts.entrySet()) System.out.println("  " + e.getKey() + " -> " + e.getValue());
        java.util.EnumSet<Color> set = java.util.EnumSet.complementOf(java.util.EnumSet.of(Color.GREEN));
        System.out.println("EnumSet " + set + " range " + java.util.EnumSet.range(Color.RED, Color.GREEN));
        int total = 0;
        for (Color c : Color.values()) {
            switch (c) {
                case RED -> total += 1;
                case GREEN -> total += 10;
                case BLUE -> total += 100;
            }
        }
        System.out.println("arrow switch total " + total);
        System.out.println("hash equal to itself " + (Color.RED.hashCode() == Color.RED.hashCode()) + " enum class " + Color.class.isEnum() + " super " + Color.class.getSuperclass().getName());
    }
}
