public class Main {
    static int depth = 0;

    static int returnInFinally() {
        try {
            return 1;
        } finally {
            System.out.println("finally runs before return");
        }
    }

    @SuppressWarnings("finally")
    static int overrideReturn() {
        try {
            throw new RuntimeException("lost");
        } finally {
            return 2;
        }
    }

    static int valueSnapshot() {
        int x = 10;
        try {
            return x;
        } finally {
            x = 20;
            System.out.println("x set to " + x + " in finally");
        }
    }

    static void nested() {
        try {
            try {
                System.out.println("inner try");
                throw new IllegalStateException("inner");
            } finally {
                System.out.println("inner finally");
            }
        } catch (IllegalStateException e) {
            System.out.println("outer catch " + e.getMessage());
            try {
                throw new IllegalArgumentException("from catch");
            } catch (IllegalArgumentException e2) {
                System.out.println("catch in catch " + e2.getMessage());
            } finally {
                System.out.println("finally in catch");
            }
        } finally {
            System.out.println("outer finally");
        }
    }

    static void rethrow(int kind) throws Exception {
        try {
            if (kind == 0) throw new java.io.IOException("io");
            if (kind == 1) throw new ArithmeticException("arith");
            System.out.println("no throw");
        } catch (Exception e) {
            System.out.println("rethrowing " + e.getClass().getSimpleName());
            throw e;
        } finally {
            System.out.println("rethrow finally " + kind);
        }
    }

    static void multiCatch(Object o) {
        try {
            if (o == null) throw new NullPointerException("npe!");
            if (o instanceof Integer) throw new NumberFormatException("nfe!");
            String s = (String) o;
            System.out.println("string " + s);
        } catch (NullPointerException | NumberFormatException e) {
            System.out.println("multi-catch " + e.getClass().getName() + " " + e.getMessage());
        } catch (ClassCastException e) {
            System.out.println("cce caught");
        }
    }

    static int loopWithFinally() {
        int count = 0;
        for (int i = 0; i < 5; i++) {
            try {
                if (i == 1) continue;
                if (i == 3) break;
                count += 10;
            } finally {
                count++;
            }
        }
        return count;
    }

    public static void main(String[] args) {
        System.out.println("returnInFinally " + returnInFinally());
        System.out.println("overrideReturn " + overrideReturn());
        System.out.println("valueSnapshot " + valueSnapshot());
        nested();
        for (int k = 0; k < 3; k++) {
            try {
                rethrow(k);
            } catch (Exception e) {
                System.out.println("main caught " + e);
            }
        }
        multiCatch(null);
        multiCatch(5);
        multiCatch("ok");
        multiCatch(new Object());
        System.out.println("loopWithFinally " + loopWithFinally());
        try {
            throw new Error("custom error");
        } catch (Throwable t) {
            System.out.println("throwable " + t + " is Exception " + (t instanceof Exception));
        }
    }
}
