public class Main {
    public static void main(String[] args) {
        System.out.println("exiting with 0 from a nested call");
        Runtime.getRuntime().addShutdownHook(new Thread() {
            public void run() { System.out.println("shutdown hook ran"); }
        });
        helper(3);
        System.out.println("not reached");
    }

    static void helper(int n) {
        if (n == 0) {
            try {
                System.exit(0);
            } finally {
                System.out.println("finally after exit must not run");
            }
        }
        helper(n - 1);
    }
}
