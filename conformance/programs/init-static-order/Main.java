interface Konst {
    int A = 5;
    String NAME = "konst";
    Object LAZY = Main.log("Konst.LAZY initialised");
}

class Parent {
    static int p1 = Main.logInt("Parent.p1", 1);
    static { Main.log("Parent static block"); }
    static int p2 = Main.logInt("Parent.p2", p1 + 1);
    static void touch() { Main.log("Parent.touch"); }
}

class Child extends Parent implements Konst {
    static int c1 = Main.logInt("Child.c1", p2 * 10);
    static { Main.log("Child static block, c1=" + c1); }
    static final int CONST = 77;
    static final Integer BOXED = Main.logInt("Child.BOXED", 88);
}

class Holder {
    static { Main.log("Holder init"); }
    static final Holder INSTANCE = new Holder();
    static int afterInstance = 42;
    int seen;
    Holder() { seen = afterInstance; Main.log("Holder ctor sees afterInstance=" + afterInstance); }
}

class Cyclic1 {
    static int v = Main.logInt("Cyclic1.v reads Cyclic2.w=" + Cyclic2.w, 1);
}

class Cyclic2 {
    static int w = Main.logInt("Cyclic2.w reads Cyclic1.v=" + Cyclic1.v, 2);
}

public class Main {
    static { log("Main static block"); }

    static Object log(String s) { System.out.println(s); return s; }
    static int logInt(String s, int v) { System.out.println(s + " = " + v); return v; }

    public static void main(String[] args) {
        log("main starts");
        log("Konst.A constant " + Konst.A + " " + Konst.NAME);
        log("Child.CONST constant " + Child.CONST);
        log("Child.p1 via child " + Child.p1);
        log("Child.c1 " + Child.c1);
        log("Child.BOXED " + Child.BOXED);
        log("touch Konst.LAZY " + Konst.LAZY);
        Parent.touch();
        log("Holder seen " + Holder.INSTANCE.seen + " now " + Holder.afterInstance);
        log("cyclic " + Cyclic1.v + " " + Cyclic2.w);
        Child[] arr = new Child[3];
        log("array of Child created, length " + arr.length);
        Class<?> c = Parent.class;
        log("class literal does not init: " + c.getName());
    }
}
