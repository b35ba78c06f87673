import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    public static void main(String[] args) throws Exception {
        CompletableFuture<Integer> done = CompletableFuture.completedFuture(21);
        System.out.println("completed " + done.thenApply(x -> x * 2).get() + " isDone " + done.isDone());
        CompletableFuture<String> chain = CompletableFuture.supplyAsync(() -> "async")
            .thenApply(String::toUpperCase)
            .thenCompose(s -> CompletableFuture.supplyAsync(() -> s + "-composed"))
            .thenCombine(CompletableFuture.supplyAsync(() -> 7), (s, n) -> s + "#" + n);
        System.out.println("chain " + chain.get(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> { throw new IllegalStateException("boom"); });
        System.out.println("exceptionally " + failing.exceptionally(t -> -1).get());
        System.out.println("handle " + failing.handle((v, t) -> t == null ? "value " + v : "error " + t.getClass().getSimpleName() + ": " + t.getCause().getMessage()).get());
        try {
            failing.get();
        } catch (ExecutionException e) {
            System.out.println("ExecutionException cause " + e.getCause());
        }
        try {
            failing.join();
        } catch (CompletionException e) {
            System.out.println("CompletionException " + e.getMessage());
        }
        List<CompletableFuture<Integer>> many = IntStream.range(0, 10).mapToObj(i -> CompletableFuture.supplyAsync(() -> i * i)).collect(Collectors.toList());
        CompletableFuture<Void> all = CompletableFuture.allOf(many.toArray(new CompletableFuture[0]));
        all.get(10, TimeUnit.SECONDS);
        System.out.println("allOf " + many.stream().map(CompletableFuture::join).collect(Collectors.toList()));
        CompletableFuture<Object> any = CompletableFuture.anyOf(CompletableFuture.completedFuture("first"), new CompletableFuture<>());
        System.out.println("anyOf " + any.get());
        StringBuilder log = new StringBuilder();
        CompletableFuture<Void> accept = CompletableFuture.completedFuture("v").thenAccept(v -> log.append("accepted ").append(v)).thenRun(() -> log.append(" then ran"));
        accept.get();
        System.out.println(log);
        CompletableFuture<String> manual = new CompletableFuture<>();
        CompletableFuture<Integer> dependent = manual.thenApply(String::length);
        System.out.println("before complete " + dependent.isDone() + " getNow " + dependent.getNow(-5));
        manual.complete("seven!!");
        System.out.println("after complete " + dependent.get() + " complete again " + manual.complete("x") + " " + manual.get());
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        cancelled.cancel(true);
        System.out.println("cancelled " + cancelled.isCancelled() + " " + cancelled.isCompletedExceptionally());
        CompletableFuture<String> timeout = new CompletableFuture<String>().completeOnTimeout("default", 10, TimeUnit.MILLISECONDS);
        System.out.println("completeOnTimeout " + timeout.get(10, TimeUnit.SECONDS));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Callable<String>> jobs = List.of(() -> "j1", () -> "j2", () -> "j3");
        List<String> results = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(jobs)) results.add(f.get());
        System.out.println("invokeAll " + results);
        CompletableFuture<Integer> onPool = CompletableFuture.supplyAsync(() -> 40, pool).thenApplyAsync(x -> x + 2, pool);
        System.out.println("on pool " + onPool.get());
        pool.shutdown();
        System.out.println("terminated " + pool.awaitTermination(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> whenComplete = CompletableFuture.completedFuture(3).whenComplete((v, t) -> System.out.println("whenComplete saw " + v + " " + t));
        System.out.println("whenComplete result " + whenComplete.get());
        System.out.println("toString shape " + CompletableFuture.completedFuture(1).toString().replaceAll("@[0-9a-f]+", "@<hash>"));
    }
}
