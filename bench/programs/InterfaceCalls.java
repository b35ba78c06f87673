/** Throughput: megamorphic interface calls over three implementations. Argument: calls. */
public class InterfaceCalls {
    interface Shape {
        long area(long x);
    }

    static final class Square implements Shape {
        public long area(long x) {
            return x * x;
        }
    }

    static final class Rect implements Shape {
        public long area(long x) {
            return x * (x + 1);
        }
    }

    static final class Triangle implements Shape {
        public long area(long x) {
            return x * (x + 1) / 2;
        }
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        // The computation's own time goes to stderr (`compute_ns N`) for the harness.
        long start = System.nanoTime();
        Shape[] shapes = {new Square(), new Rect(), new Triangle()};
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += shapes[i % 3].area(i & 1023);
        }
        System.err.println("compute_ns " + (System.nanoTime() - start));
        System.out.println("sum " + sum);
    }
}
