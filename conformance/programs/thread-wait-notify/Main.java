import java.util.LinkedList;

public class Main {
    static class BoundedBuffer {
        private final LinkedList<Integer> items = new LinkedList<Integer>();
        private final int capacity;
        BoundedBuffer(int capacity) { this.capacity = capacity; }

        synchronized void put(int v) throws InterruptedException {
            while (items.size() == capacity) wait();
            items.addLast(v);
            notifyAll();
        }

        synchronized int take() throws InterruptedException {
            while (items.isEmpty()) wait();
            int v = items.removeFirst();
            notifyAll();
            return v;
        }
    }

    static class Producer extends Thread {
        final BoundedBuffer buf;
        Producer(BoundedBuffer b) { buf = b; }
        public void run() {
            try {
                for (int i = 1; i <= 50; i++) buf.put(i * i);
                buf.put(-1);
            } catch (InterruptedException e) {
                System.out.println("producer interrupted");
            }
        }
    }

    static class Turn {
        int turn = 0;
    }

    public static void main(String[] args) throws InterruptedException {
        BoundedBuffer buf = new BoundedBuffer(3);
        Producer p = new Producer(buf);
        p.start();
        long sum = 0;
        int count = 0;
        while (true) {
            int v = buf.take();
            if (v < 0) break;
            count++;
            sum += v;
            if (count % 10 == 0) System.out.println("consumed " + count + " items, last " + v + ", sum " + sum);
        }
        p.join();
        System.out.println("total " + count + " sum " + sum);

        final Turn turn = new Turn();
        final StringBuilder log = new StringBuilder();
        Thread[] players = new Thread[3];
        for (int id = 0; id < 3; id++) {
            final int me = id;
            players[id] = new Thread() {
                public void run() {
                    for (int round = 0; round < 4; round++) {
                        synchronized (turn) {
                            while (turn.turn % 3 != me) {
                                try {
                                    turn.wait();
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                            log.append("p").append(me).append("r").append(round).append(' ');
                            System.out.println("player " + me + " round " + round);
                            turn.turn++;
                            turn.notifyAll();
                        }
                    }
                }
            };
        }
        for (Thread t : players) t.start();
        for (Thread t : players) t.join();
        System.out.println(log.toString().trim());
        Object o = new Object();
        try {
            o.wait();
        } catch (IllegalMonitorStateException e) {
            System.out.println("wait without monitor: " + e.getClass().getName() + ": " + e.getMessage());
        }
        try {
            o.notify();
        } catch (IllegalMonitorStateException e) {
            System.out.println("notify without monitor: " + e.getMessage());
        }
        synchronized (o) {
            o.wait(5);
        }
        System.out.println("timed wait returned");
    }
}
