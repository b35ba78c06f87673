import java.util.*;

public class Main {
    static class Bomb {
        final String why;
        Bomb(String why) { this.why = why; }
        @Override public String toString() { throw new IllegalStateException("toString of " + why); }
        @Override public int hashCode() { throw new UnsupportedOperationException("hashCode of " + why); }
        @Override public boolean equals(Object o) { throw new IllegalArgumentException("equals of " + why); }
    }

    record Holder(String name, Object payload) {}
    record Pair(int id, Holder inner) {}

    static void run(String label, Runnable r) {
        try {
            r.run();
            System.out.println(label + ": no exception");
        } catch (RuntimeException e) {
            System.out.println(label + ":");
            e.printStackTrace(System.out);
        }
    }

    public static void main(String[] args) {
        Holder h = new Holder("h", new Bomb("record"));
        run("record toString", () -> System.out.println(h));
        run("record toString via concat", () -> System.out.println("holder " + h));
        run("record toString explicit", () -> h.toString());
        run("nested record toString", () -> new Pair(1, h).toString());
        run("record hashCode", () -> h.hashCode());
        run("nested record hashCode", () -> new Pair(2, h).hashCode());
        run("record equals", () -> h.equals(new Holder("h", "other")));
        run("nested record equals", () -> new Pair(3, h).equals(new Pair(3, new Holder("h", 1))));
        run("record in HashSet", () -> new HashSet<>(List.of(h)));
        run("record equals short-circuit", () -> System.out.println(h.equals(new Holder("other", "x"))));
        System.out.println("safe " + new Holder(null, null) + " " + new Holder(null, null).equals(new Holder(null, null)) + " " + new Holder(null, null).hashCode());
    }
}
