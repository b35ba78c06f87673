public class Main {
    private int counter = 100;
    private static String staticField = "S";

    class Inner {
        int id;
        Inner(int id) { this.id = id; }
        int bump() { return counter += id; }
    }

    static class Nested {
        String hello() { return "nested sees " + staticField; }
        static class Deeper { String hi() { return "deeper"; } }
    }

    interface Counter { int next(); }

    Counter makeAnon(final int step) {
        return new Counter() {
            int value = 0;
            public int next() { value += step; counter++; return value; }
            public String toString() { return "anon value=" + value; }
        };
    }

    static Counter makeLocal(int start) {
        class Local implements Counter {
            int v = start;
            public int next() { return v *= 2; }
        }
        return new Local();
    }

    class Inner2 extends Inner {
        Inner2() { super(7); }
        int bump() { return super.bump() + Main.this.counter; }
    }

    public static void main(String[] args) {
        Main m = new Main();
        Main.Inner in = m.new Inner(5);
        System.out.println("bump " + in.bump() + " " + in.bump() + " counter " + m.counter);
        System.out.println(new Nested().hello() + " " + new Nested.Deeper().hi());
        Counter a = m.makeAnon(3);
        a.next(); a.next();
        System.out.println("anon next " + a.next() + " " + a + " counter " + m.counter);
        Counter l = makeLocal(3);
        System.out.println("local " + l.next() + " " + l.next() + " " + l.next());
        System.out.println("inner2 " + m.new Inner2().bump());
        System.out.println("names: " + Inner.class.getName() + " " + Nested.Deeper.class.getName() + " " + a.getClass().getName() + " " + l.getClass().getName());
        System.out.println("simple names: [" + a.getClass().getSimpleName() + "] " + l.getClass().getSimpleName() + " anon? " + a.getClass().isAnonymousClass() + " local? " + l.getClass().isLocalClass() + " member? " + Inner.class.isMemberClass());
        System.out.println("enclosing: " + Inner.class.getEnclosingClass().getName() + " declaring: " + Nested.Deeper.class.getDeclaringClass().getName());
        Runnable r = new Runnable() {
            public void run() { System.out.println("anonymous runnable sees " + staticField); }
        };
        r.run();
        Object o = new Object() { public String toString() { return "custom object"; } };
        System.out.println(o);
    }
}
