public class Main {
    static class Res implements AutoCloseable {
        final String name;
        final boolean failOnClose;
        Res(String name, boolean failOnClose) {
            this.name = name;
            this.failOnClose = failOnClose;
            System.out.println("open " + name);
        }
        void use(boolean fail) {
            System.out.println("use " + name);
            if (fail) throw new IllegalStateException("use failed: " + name);
        }
        @Override public void close() {
            System.out.println("close " + name);
            if (failOnClose) throw new RuntimeException("close failed: " + name);
        }
    }

    static void run(String label, boolean failUse, boolean failCloseA, boolean failCloseB) {
        System.out.println("== " + label);
        try (Res a = new Res("A", failCloseA); Res b = new Res("B", failCloseB)) {
            a.use(false);
            b.use(failUse);
        } catch (RuntimeException e) {
            System.out.println("caught " + e.getMessage());
            for (Throwable s : e.getSuppressed()) System.out.println("  suppressed " + s.getMessage());
        } finally {
            System.out.println("finally " + label);
        }
    }

    public static void main(String[] args) throws Exception {
        run("clean", false, false, false);
        run("use fails", true, false, false);
        run("close B fails", false, false, true);
        run("use and both closes fail", true, true, true);
        Res outer = new Res("outer", false);
        try (outer; Res inner = new Res("inner", true)) {
            System.out.println("java 9 style resource");
        } catch (RuntimeException e) {
            System.out.println("caught " + e.getMessage());
        }
        try (Res nul = null) {
            System.out.println("null resource is fine");
        }
        try (java.io.StringReader r = new java.io.StringReader("abc"); java.io.BufferedReader br = new java.io.BufferedReader(r)) {
            System.out.println("read " + br.readLine());
        }
        try {
            try (Res x = new Res("X", true)) {
                x.use(true);
            }
        } catch (IllegalStateException e) {
            e.printStackTrace();
        }
    }
}
