import java.lang.invoke.*;

public class Main {
    static int explode(int x) {
        if (x > 2) throw new ArithmeticException("explode " + x);
        return x;
    }

    static String label(String s) {
        if (s.isEmpty()) throw new IllegalArgumentException("empty label");
        return "<" + s + ">";
    }

    interface ThrowingRunnable { void run() throws Throwable; }

    static void run(String label, ThrowingRunnable r) {
        try {
            r.run();
            System.out.println(label + ": no exception");
        } catch (Throwable e) {
            System.out.println(label + ":");
            e.printStackTrace(System.out);
        }
    }

    public static void main(String[] args) throws Throwable {
        MethodHandles.Lookup l = MethodHandles.lookup();
        MethodHandle h = l.findStatic(Main.class, "explode", MethodType.methodType(int.class, int.class));
        MethodHandle lab = l.findStatic(Main.class, "label", MethodType.methodType(String.class, String.class));
        run("invokeExact", () -> System.out.println((int) h.invokeExact(9)));
        run("invoke with boxing", () -> System.out.println(h.invoke((Integer) 9)));
        run("invoke exact type through invoke", () -> System.out.println((int) h.invoke(9)));
        run("invokeWithArguments", () -> System.out.println(h.invokeWithArguments(9)));
        run("insertArguments", () -> System.out.println((int) MethodHandles.insertArguments(h, 0, 11).invokeExact()));
        run("bindTo", () -> System.out.println((String) lab.bindTo("").invokeExact()));
        run("asType", () -> System.out.println((Object) h.asType(MethodType.methodType(Object.class, Object.class)).invokeExact((Object) 5)));
        run("asType WrongMethodTypeException", () -> System.out.println((long) h.asType(MethodType.methodType(Object.class, Object.class)).invokeExact((Object) 5)));
        run("filterReturnValue", () -> System.out.println((int) MethodHandles.filterReturnValue(h, h).invokeExact(2)));
        run("dropArguments", () -> System.out.println((int) MethodHandles.dropArguments(h, 0, String.class).invokeExact("x", 4)));
        run("virtual", () -> System.out.println((int) l.findVirtual(String.class, "indexOf", MethodType.methodType(int.class, String.class)).invokeExact((String) null, "x")));
        run("constructor", () -> System.out.println((Object) l.findConstructor(StringBuilder.class, MethodType.methodType(void.class, int.class)).invoke(-1)));
    }
}
