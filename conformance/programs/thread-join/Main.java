public class Main {
    static class SumThread extends Thread {
        final int from, to;
        long result;
        SumThread(String name, int from, int to) { super(name); this.from = from; this.to = to; }
        public void run() {
            long s = 0;
            for (int i = from; i < to; i++) s += (long) i * i;
            result = s;
        }
    }

    static class Squarer implements Runnable {
        final int[] data;
        final int index;
        Squarer(int[] data, int index) { this.data = data; this.index = index; }
        public void run() { data[index] = data[index] * data[index]; }
    }

    public static void main(String[] args) throws InterruptedException {
        SumThread[] ts = new SumThread[4];
        for (int i = 0; i < ts.length; i++) ts[i] = new SumThread("sum-" + i, i * 250000, (i + 1) * 250000);
        System.out.println("state before start: " + ts[0].getState() + " alive " + ts[0].isAlive());
        for (SumThread t : ts) t.start();
        long total = 0;
        for (SumThread t : ts) {
            t.join();
            System.out.println(t.getName() + " -> " + t.result + " state " + t.getState() + " alive " + t.isAlive());
            total += t.result;
        }
        System.out.println("total " + total);
        int[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        Thread[] workers = new Thread[data.length];
        for (int i = 0; i < data.length; i++) {
            workers[i] = new Thread(new Squarer(data, i));
            workers[i].start();
        }
        for (Thread w : workers) w.join();
        System.out.println(java.util.Arrays.toString(data));
        Thread named = new Thread(new Squarer(data, 0), "custom-name");
        System.out.println("name " + named.getName() + " daemon " + named.isDaemon() + " priority " + named.getPriority());
        named.start();
        named.join();
        System.out.println("data[0] " + data[0]);
        Thread cur = Thread.currentThread();
        System.out.println("main thread name " + cur.getName() + " group " + cur.getThreadGroup().getName());
        Thread unnamed = new Thread(new Squarer(data, 1));
        System.out.println("default name pattern " + unnamed.getName().startsWith("Thread-"));
    }
}
