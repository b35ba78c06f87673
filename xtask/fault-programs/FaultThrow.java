/** Dies of an uncaught exception thrown a few frames deep. */
public class FaultThrow {
    static void deeper(int n) {
        if (n == 0) {
            throw new IllegalStateException("fault injected");
        }
        deeper(n - 1);
    }

    public static void main(String[] args) {
        System.out.println("throwing");
        deeper(3);
    }
}
