import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

// Weak, soft and phantom references and WeakHashMap around System.gc().
public class Main {
    static Object strong;

    static WeakReference<Object> weakTo(ReferenceQueue<Object> queue) {
        return new WeakReference<>(new int[1000], queue);
    }

    public static void main(String[] args) throws InterruptedException {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> dying = weakTo(queue);
        strong = new int[10];
        WeakReference<Object> kept = new WeakReference<>(strong, queue);
        SoftReference<Object> soft = new SoftReference<>(new int[100]);
        PhantomReference<Object> phantom = new PhantomReference<>(new Object(), queue);
        System.gc();
        System.out.println("weak to garbage cleared: " + (dying.get() == null));
        System.out.println("weak to a static kept: " + (kept.get() == strong));
        System.out.println("soft kept: " + (soft.get() != null));
        System.out.println("phantom refersTo null: " + phantom.refersTo(null));
        int enqueued = 0;
        boolean sawDying = false, sawPhantom = false;
        for (int i = 0; i < 2; i++) {
            Reference<?> r = queue.remove(10_000);
            if (r == null) {
                break;
            }
            enqueued++;
            sawDying |= r == dying;
            sawPhantom |= r == phantom;
        }
        System.out.println("enqueued: " + enqueued + " dying " + sawDying + " phantom " + sawPhantom);
        System.out.println("kept not enqueued: " + (queue.poll() == null));

        Map<Object, String> map = new WeakHashMap<>();
        Object[] keys = new Object[100];
        for (int i = 0; i < 100; i++) {
            keys[i] = new Object();
            map.put(keys[i], "value " + i);
        }
        for (int i = 0; i < 100; i += 2) {
            keys[i] = null;
        }
        int size = map.size();
        for (int tries = 0; tries < 100 && size > 50; tries++) {
            System.gc();
            Thread.sleep(10);
            size = map.size();
        }
        System.out.println("WeakHashMap size: " + size);
        System.out.println("value 1: " + map.get(keys[1]));
        Reference.reachabilityFence(keys);
        Reference.reachabilityFence(kept);
    }
}
