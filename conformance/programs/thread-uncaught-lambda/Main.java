public class Main {
    public static void main(String[] args) throws InterruptedException {
        Thread t = new Thread(() -> {
            System.out.println("worker running");
            throw new IllegalStateException("worker died");
        }, "worker-1");
        t.start();
        t.join();
        System.out.println("worker alive after join: " + t.isAlive());
        Thread handled = new Thread(() -> { throw new ArithmeticException("handled by handler"); }, "worker-2");
        handled.setUncaughtExceptionHandler((th, e) -> System.out.println("handler got " + e.getMessage() + " from " + th.getName()));
        handled.start();
        handled.join();
        Thread unnamed = new Thread(() -> { int[] a = new int[1]; a[3] = 1; });
        unnamed.setName("renamed");
        unnamed.start();
        unnamed.join();
        System.out.println("main finishes normally; exit code stays 0");
    }
}
