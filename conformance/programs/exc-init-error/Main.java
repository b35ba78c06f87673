class Broken {
    static int value = compute();
    static int compute() {
        System.out.println("Broken.<clinit> running");
        int[] a = new int[1];
        return a[2];
    }
    static void hello() { System.out.println("never"); }
}

class BrokenChecked {
    static final Object X;
    static {
        if (true) throw new IllegalArgumentException("bad static block");
        X = null;
    }
}

class Fatal {
    static { Object o = "str"; Integer i = (Integer) o; }
    static int v = 1;
}

public class Main {
    public static void main(String[] args) {
        try {
            Broken.hello();
        } catch (ExceptionInInitializerError e) {
            System.out.println("first: " + e + " message=" + e.getMessage());
            System.out.println("  cause: " + e.getCause());
            System.out.println("  getException: " + e.getException().getClass().getName());
        }
        try {
            System.out.println(Broken.value);
        } catch (NoClassDefFoundError e) {
            System.out.println("second: " + e.getClass().getName() + ": " + e.getMessage());
            System.out.println("  cause: " + e.getCause());
        }
        try {
            Object x = BrokenChecked.X;
        } catch (ExceptionInInitializerError e) {
            e.printStackTrace();
        }
        System.out.println("now the uncaught one");
        System.out.println(Fatal.v);
    }
}
