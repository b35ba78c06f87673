public class Main {
    static void fail(int n) {
        if (n == 0) throw new IllegalStateException("uncaught on purpose");
        fail(n - 1);
    }

    public static void main(String[] args) {
        System.out.println("before");
        System.err.println("stderr before");
        fail(3);
        System.out.println("never printed");
    }
}
