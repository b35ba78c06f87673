class A {
    String a1 = Main.trace("A.a1 field");
    { Main.trace("A instance block"); }
    A() {
        Main.trace("A ctor");
        hook();
    }
    void hook() { Main.trace("A.hook"); }
}

class B extends A {
    String b1 = Main.trace("B.b1 field");
    int x = 5;
    final String fin;
    { Main.trace("B instance block 1, x=" + x); }
    B() {
        this("default");
        Main.trace("B() after this(...)");
    }
    B(String s) {
        super();
        fin = s;
        Main.trace("B(String) ctor fin=" + fin + " x=" + x);
    }
    { Main.trace("B instance block 2"); }
    void hook() { Main.trace("B.hook sees x=" + x + " b1=" + b1 + " fin=" + fin); }
}

public class Main {
    static int step = 0;
    static String trace(String s) {
        step++;
        System.out.println(step + ": " + s);
        return s;
    }

    String m1 = trace("Main.m1");

    Main() { trace("Main ctor"); }

    public static void main(String[] args) {
        trace("-- new B()");
        new B();
        trace("-- new B(\"x\")");
        B b = new B("x");
        trace("fin=" + b.fin + " x=" + b.x);
        trace("-- new Main()");
        new Main();
    }
}
