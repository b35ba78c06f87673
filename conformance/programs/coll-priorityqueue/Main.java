import java.util.Comparator;
import java.util.PriorityQueue;

public class Main {
    static class Task {
        final String name;
        final int priority;
        Task(String n, int p) { name = n; priority = p; }
        public String toString() { return name + ":" + priority; }
    }

    static class ByPriorityDesc implements Comparator<Task> {
        public int compare(Task a, Task b) {
            int c = Integer.compare(b.priority, a.priority);
            return c != 0 ? c : a.name.compareTo(b.name);
        }
    }

    public static void main(String[] args) {
        PriorityQueue<Integer> pq = new PriorityQueue<Integer>();
        int[] vals = {5, 1, 8, 3, 9, 2, 7, 1, 6};
        for (int v : vals) pq.offer(v);
        System.out.println("heap order toString " + pq + " peek " + pq.peek());
        StringBuilder sb = new StringBuilder();
        while (!pq.isEmpty()) sb.append(pq.poll()).append(' ');
        System.out.println("polled " + sb);
        PriorityQueue<Task> tasks = new PriorityQueue<Task>(new ByPriorityDesc());
        tasks.add(new Task("write", 2));
        tasks.add(new Task("test", 5));
        tasks.add(new Task("deploy", 1));
        tasks.add(new Task("review", 5));
        tasks.add(new Task("plan", 3));
        while (tasks.size() > 0) System.out.println("next " + tasks.poll());
        PriorityQueue<String> maxHeap = new PriorityQueue<String>(java.util.Collections.<String>reverseOrder());
        for (String s : "kiwi apple mango banana cherry".split(" ")) maxHeap.add(s);
        System.out.println("max-heap poll " + maxHeap.poll() + " " + maxHeap.poll() + " remaining " + maxHeap.size());
        PriorityQueue<Long> dijkstraLike = new PriorityQueue<Long>();
        long seed = 99;
        for (int i = 0; i < 100; i++) {
            seed = (seed * 6364136223846793005L + 1442695040888963407L);
            dijkstraLike.add((seed >>> 40) % 1000);
        }
        long prev = -1;
        boolean sorted = true;
        long sum = 0;
        for (int i = 0; i < 10; i++) {
            long v = dijkstraLike.poll();
            if (v < prev) sorted = false;
            prev = v;
            sum += v;
            System.out.print(v + " ");
        }
        System.out.println();
        System.out.println("sorted " + sorted + " sum " + sum + " left " + dijkstraLike.size());
        System.out.println("poll empty " + new PriorityQueue<Integer>().poll());
        try {
            new PriorityQueue<Integer>().remove();
        } catch (java.util.NoSuchElementException e) {
            System.out.println("remove empty NoSuchElementException");
        }
    }
}
