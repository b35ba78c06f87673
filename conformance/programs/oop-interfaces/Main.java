interface Greeter {
    String PREFIX = "Hi ";
    String name();
    default String greet() { return PREFIX + name() + suffix(); }
    default String suffix() { return "!"; }
    static Greeter of(String n) { return new Simple(n); }
}

interface Loud extends Greeter {
    default String greet() { return Greeter.super.greet().toUpperCase(); }
}

interface Polite {
    default String suffix() { return ", please."; }
}

class Simple implements Greeter {
    private final String n;
    Simple(String n) { this.n = n; }
    public String name() { return n; }
}

class Shouter implements Loud {
    public String name() { return "shouter"; }
}

class Both implements Greeter, Polite {
    public String name() { return "both"; }
    public String suffix() { return Polite.super.suffix() + "?"; }
}

interface Op { int apply(int a, int b); }

class Add implements Op { public int apply(int a, int b) { return a + b; } public String toString() { return "add"; } }
class Mul implements Op { public int apply(int a, int b) { return a * b; } public String toString() { return "mul"; } }
class Sub implements Op { public int apply(int a, int b) { return a - b; } public String toString() { return "sub"; } }

public class Main {
    public static void main(String[] args) {
        Greeter[] gs = {new Simple("ann"), new Shouter(), new Both(), Greeter.of("static")};
        for (Greeter g : gs) System.out.println(g.greet());
        Op[] ops = {new Add(), new Mul(), new Sub()};
        int acc = 1;
        for (int i = 0; i < 9; i++) {
            Op op = ops[i % ops.length];
            int before = acc;
            acc = op.apply(acc, i + 2);
            System.out.println(op + "(" + before + "," + (i + 2) + ")=" + acc);
        }
        Object o = ops;
        System.out.println("Op[] is Object[]: " + (o instanceof Object[]) + " is Op[]: " + (o instanceof Op[]) + " is Add[]: " + (o instanceof Add[]));
        Add[] adds = {new Add()};
        Op[] asOps = adds;
        System.out.println("covariant: " + asOps[0].apply(20, 22) + " " + (((Object) asOps) instanceof Add[]));
        Class<?>[] ifs = Both.class.getInterfaces();
        for (Class<?> c : ifs) System.out.println("Both implements " + c.getName());
        System.out.println("Loud interfaces: " + Loud.class.getInterfaces()[0].getName() + " isInterface " + Loud.class.isInterface());
        Comparable<String> cmp = "b";
        System.out.println("Comparable: " + cmp.compareTo("a"));
        CharSequence cs = new StringBuilder("seq");
        System.out.println("CharSequence: " + cs.length() + " " + cs.charAt(1) + " " + cs.subSequence(1, 3));
    }
}
