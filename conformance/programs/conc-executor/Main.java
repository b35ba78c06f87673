import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

public class Main {
    static long work(int n) {
        long s = 0;
        for (int i = 0; i <= n * 1000; i++) s += i % (n + 1);
        return s;
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int n = i;
            futures.add(pool.submit(() -> work(n)));
        }
        for (int i = 0; i < futures.size(); i++) System.out.println("task " + (i + 1) + " -> " + futures.get(i).get());
        List<Callable<String>> calls = new ArrayList<>();
        for (String s : new String[] {"x", "yy", "zzz"}) calls.add(() -> s.toUpperCase() + s.length());
        for (Future<String> f : pool.invokeAll(calls)) System.out.println("invokeAll " + f.get() + " done " + f.isDone());
        Future<?> failing = pool.submit(() -> { throw new IllegalStateException("task failed"); });
        try {
            failing.get();
        } catch (ExecutionException e) {
            System.out.println("ExecutionException cause " + e.getCause());
        }
        CountDownLatch latch = new CountDownLatch(5);
        java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 5; i++) {
            int v = i;
            pool.execute(() -> { total.addAndGet(v * v); latch.countDown(); });
        }
        latch.await();
        System.out.println("latch total " + total.get());
        CompletableFuture<Integer> cf = CompletableFuture.supplyAsync(() -> 21, pool).thenApply(x -> x * 2);
        CompletableFuture<String> combined = cf.thenCombine(CompletableFuture.supplyAsync(() -> "answer", pool), (n, s) -> s + "=" + n);
        System.out.println("completable " + combined.get());
        CompletableFuture<String> recovered = CompletableFuture.<String>supplyAsync(() -> { throw new ArithmeticException("boom"); }, pool)
            .exceptionally(t -> "recovered from " + t.getClass().getSimpleName() + ": " + t.getCause().getMessage());
        System.out.println(recovered.get());
        System.out.println("allOf " + CompletableFuture.allOf(cf, combined).thenApply(v -> "all done").join());
        pool.shutdown();
        System.out.println("terminated " + pool.awaitTermination(10, TimeUnit.SECONDS) + " isShutdown " + pool.isShutdown());
        try {
            pool.submit(() -> 1);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            System.out.println("RejectedExecutionException after shutdown");
        }
    }
}
