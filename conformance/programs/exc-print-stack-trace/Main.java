class Worker {
    void level3(int x) {
        if (x > 2) throw new IllegalStateException("too deep: " + x);
        level3(x + 1);
    }
    void level2() { level3(0); }
    void level1() {
        try {
            level2();
        } catch (IllegalStateException e) {
            throw new RuntimeException("level1 failed", e);
        }
    }
}

public class Main {
    static class Inner {
        static void boom() { throw new UnsupportedOperationException("inner boom"); }
    }

    public static void main(String[] args) {
        System.out.println("start");
        try {
            new Worker().level1();
        } catch (RuntimeException e) {
            System.out.println("caught " + e.getMessage());
            e.printStackTrace();
        }
        try {
            Inner.boom();
        } catch (UnsupportedOperationException e) {
            e.printStackTrace(System.out);
        }
        try {
            Object o = null;
            o.hashCode();
        } catch (NullPointerException e) {
            e.printStackTrace();
        }
        Exception withSuppressed = new Exception("with suppressed");
        withSuppressed.addSuppressed(new IllegalArgumentException("suppressed one"));
        withSuppressed.printStackTrace();
        new Throwable("plain throwable").printStackTrace();
        Runnable r = new Runnable() {
            public void run() { throw new ArithmeticException("in anonymous"); }
        };
        try {
            r.run();
        } catch (ArithmeticException e) {
            e.printStackTrace();
        }
        System.out.println("end");
    }
}
