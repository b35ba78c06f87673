public class Main {
    public static void main(String[] args) throws InterruptedException {
        Thread daemon = new Thread() {
            public void run() {
                while (true) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        };
        daemon.setDaemon(true);
        daemon.start();
        System.out.println("daemon started, isDaemon=" + daemon.isDaemon() + " alive=" + daemon.isAlive());
        long t0 = System.nanoTime();
        Thread.sleep(20);
        long elapsedMs = (System.nanoTime() - t0) / 1000000;
        System.out.println("slept at least 20ms: " + (elapsedMs >= 19));
        final boolean[] flag = new boolean[1];
        Thread sleeper = new Thread() {
            public void run() {
                try {
                    Thread.sleep(60000);
                } catch (InterruptedException e) {
                    synchronized (flag) { flag[0] = true; }
                    System.out.println("sleeper interrupted, isInterrupted now " + isInterrupted());
                }
            }
        };
        sleeper.start();
        sleeper.interrupt();
        sleeper.join();
        System.out.println("flag " + flag[0]);
        Thread.currentThread().interrupt();
        System.out.println("self interrupted " + Thread.interrupted() + " cleared " + Thread.interrupted());
        Thread.currentThread().interrupt();
        try {
            Thread.sleep(10);
            System.out.println("sleep did not throw");
        } catch (InterruptedException e) {
            System.out.println("sleep with pending interrupt: " + e.getMessage());
        }
        try {
            Thread.sleep(-1);
        } catch (IllegalArgumentException e) {
            System.out.println("negative sleep: " + e.getMessage());
        }
        Thread.yield();
        Thread.sleep(0);
        System.out.println("main ends while daemon still alive=" + daemon.isAlive());
    }
}
