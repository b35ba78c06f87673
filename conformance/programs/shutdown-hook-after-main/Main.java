// The end of a program that returns from main normally: the JVM waits for its non-daemon
// threads (Thread.exit of main, then DestroyJavaVM), then runs the shutdown hooks.
public class Main {
    static Thread worker;
    static Thread mainThread;

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread("hook") {
            public void run() {
                System.out.println("hook: worker alive = " + worker.isAlive());
                System.out.println("hook: group = " + Thread.currentThread().getThreadGroup().getName());
            }
        });
        worker = new Thread("worker") {
            public void run() {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    System.out.println("interrupted");
                }
                System.out.println("worker: main alive = " + mainThread.isAlive());
            }
        };
        mainThread = Thread.currentThread();
        worker.start();
        System.out.println("main returns");
    }
}
