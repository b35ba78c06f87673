import java.io.*;
import java.util.*;
import java.util.function.*;

public class Main {
    interface SerFunction<A, B> extends Function<A, B>, Serializable {}
    interface SerSupplier<T> extends Supplier<T>, Serializable {}

    static int twice(int x) { return 2 * x; }

    static byte[] write(Object o) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
            out.writeObject(o);
        }
        return bos.toByteArray();
    }

    static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        String prefix = "pre-";
        SerFunction<String, String> capturing = s -> prefix + s;
        SerFunction<Integer, Integer> methodRef = Main::twice;
        SerSupplier<List<String>> ctorRef = ArrayList::new;
        Runnable intersection = (Runnable & Serializable) () -> System.out.println("  intersection lambda ran");
        Comparator<String> cmp = (Comparator<String> & Serializable) (a, b) -> b.compareTo(a);

        Object[] lambdas = {capturing, methodRef, ctorRef, intersection, cmp};
        for (Object l : lambdas) {
            Class<?> c = l.getClass();
            boolean hasWriteReplace;
            try {
                c.getDeclaredMethod("writeReplace");
                hasWriteReplace = true;
            } catch (NoSuchMethodException e) {
                hasWriteReplace = false;
            }
            System.out.println("serializable " + (l instanceof Serializable) + " writeReplace " + hasWriteReplace);
        }
        java.lang.reflect.Method wr = capturing.getClass().getDeclaredMethod("writeReplace");
        wr.setAccessible(true);
        java.lang.invoke.SerializedLambda sl = (java.lang.invoke.SerializedLambda) wr.invoke(capturing);
        System.out.println("SerializedLambda capturingClass " + sl.getCapturingClass() + " functionalInterface " + sl.getFunctionalInterfaceClass() + "." + sl.getFunctionalInterfaceMethodName() + sl.getFunctionalInterfaceMethodSignature());
        System.out.println("  impl " + sl.getImplClass() + "." + sl.getImplMethodName() + sl.getImplMethodSignature() + " kind " + sl.getImplMethodKind() + " instantiated " + sl.getInstantiatedMethodType() + " captured " + sl.getCapturedArgCount() + " arg0 " + sl.getCapturedArg(0));
        SerFunction<String, String> back = (SerFunction<String, String>) read(write(capturing));
        System.out.println("round trip capturing " + back.apply("x") + " same object " + (back == capturing));
        SerFunction<Integer, Integer> ref2 = (SerFunction<Integer, Integer>) read(write(methodRef));
        System.out.println("round trip method ref " + ref2.apply(21));
        SerSupplier<List<String>> ctor2 = (SerSupplier<List<String>>) read(write(ctorRef));
        List<String> made = ctor2.get();
        made.add("made");
        System.out.println("round trip constructor ref " + made + " " + made.getClass().getSimpleName());
        Runnable r2 = (Runnable) read(write(intersection));
        r2.run();
        Comparator<String> cmp2 = (Comparator<String>) read(write(cmp));
        List<String> words = new ArrayList<>(List.of("b", "c", "a"));
        words.sort(cmp2);
        System.out.println("round trip comparator " + words);
        TreeSet<String> set = new TreeSet<>((Comparator<String> & Serializable) (a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b));
        set.addAll(List.of("ccc", "a", "bb", "aa"));
        TreeSet<String> set2 = (TreeSet<String>) read(write(set));
        set2.add("b");
        System.out.println("TreeSet with serializable comparator " + set2);
        Runnable plain = () -> {};
        try {
            write(plain);
        } catch (NotSerializableException e) {
            System.out.println("plain lambda NotSerializableException " + e.getMessage().startsWith("Main$$Lambda$"));
        }
    }
}
