/** Throughput: many small short-lived objects, a few kept alive. Argument: allocations. */
public class Alloc {
    static final class Node {
        final int value;
        final Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        // The computation's own time goes to stderr (`compute_ns N`) for the harness.
        long start = System.nanoTime();
        Node kept = null;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            Node node = new Node(i, kept);
            sum += node.value;
            if ((i & 1023) == 0) {
                kept = node;
            }
        }
        int length = 0;
        for (Node n = kept; n != null; n = n.next) {
            length++;
        }
        System.err.println("compute_ns " + (System.nanoTime() - start));
        System.out.println("sum " + sum + ", kept " + length);
    }
}
