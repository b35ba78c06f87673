public class Main {
    static int compute() {
        try {
            System.out.println("in try");
            throw new IllegalStateException("will be swallowed by exit");
        } finally {
            System.out.println("in finally, exiting with 42");
            System.out.flush();
            System.exit(42);
        }
    }

    public static void main(String[] args) {
        Thread t = new Thread() {
            public void run() {
                try {
                    Thread.sleep(100000);
                } catch (InterruptedException e) {
                    System.out.println("interrupted");
                }
            }
        };
        t.start();
        System.out.println("non-daemon thread started; exit must still end the process");
        compute();
    }
}
