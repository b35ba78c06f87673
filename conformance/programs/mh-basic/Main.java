import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

public class Main {
    private String name = "field-value";
    static int counter = 10;

    static int add(int a, int b) { return a + b; }
    String greet(String who) { return "hello " + who + " from " + name; }
    private static String secret() { return "private static"; }
    static String join(String... parts) { return String.join("-", parts); }

    public static void main(String[] args) throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle addH = lookup.findStatic(Main.class, "add", MethodType.methodType(int.class, int.class, int.class));
        int r = (int) addH.invokeExact(3, 4);
        System.out.println("invokeExact add " + r + " type " + addH.type());
        System.out.println("invoke with boxing " + addH.invoke(Integer.valueOf(10), 5));
        MethodHandle greetH = lookup.findVirtual(Main.class, "greet", MethodType.methodType(String.class, String.class));
        Main m = new Main();
        System.out.println((String) greetH.invokeExact(m, "world"));
        MethodHandle bound = greetH.bindTo(m);
        System.out.println("bound " + (String) bound.invokeExact("bound"));
        MethodHandle len = lookup.findVirtual(String.class, "length", MethodType.methodType(int.class));
        System.out.println("String.length " + (int) len.invokeExact("abcdef"));
        MethodHandle secretH = lookup.findStatic(Main.class, "secret", MethodType.methodType(String.class));
        System.out.println("private " + (String) secretH.invokeExact());
        MethodHandle getter = lookup.findGetter(Main.class, "name", String.class);
        MethodHandle setter = lookup.findSetter(Main.class, "name", String.class);
        setter.invokeExact(m, "changed");
        System.out.println("getter " + (String) getter.invokeExact(m));
        MethodHandle sget = lookup.findStaticGetter(Main.class, "counter", int.class);
        System.out.println("static getter " + (int) sget.invokeExact());
        MethodHandle ctor = lookup.findConstructor(StringBuilder.class, MethodType.methodType(void.class, String.class));
        StringBuilder sb = (StringBuilder) ctor.invokeExact("ctor");
        System.out.println("constructor " + sb.append("!"));
        MethodHandle add5 = MethodHandles.insertArguments(addH, 0, 5);
        System.out.println("insertArguments " + (int) add5.invokeExact(37));
        MethodHandle dropped = MethodHandles.dropArguments(add5, 0, String.class);
        System.out.println("dropArguments " + (int) dropped.invokeExact("ignored", 1));
        MethodHandle toUpper = lookup.findVirtual(String.class, "toUpperCase", MethodType.methodType(String.class));
        MethodHandle filtered = MethodHandles.filterReturnValue(greetH, toUpper);
        System.out.println("filterReturnValue " + (String) filtered.invokeExact(m, "x"));
        MethodHandle joinH = lookup.findStatic(Main.class, "join", MethodType.methodType(String.class, String[].class));
        System.out.println("varargs collector " + joinH.invoke("a", "b", "c") + " isVarargs " + joinH.isVarargsCollector());
        MethodHandle listSize = lookup.findVirtual(List.class, "size", MethodType.methodType(int.class));
        System.out.println("interface method " + (int) listSize.invokeExact(List.of(1, 2, 3)));
        MethodHandle constant = MethodHandles.constant(String.class, "const");
        System.out.println("constant " + (String) constant.invokeExact());
        MethodHandle guard = MethodHandles.guardWithTest(
            lookup.findStatic(Main.class, "isPositive", MethodType.methodType(boolean.class, int.class)),
            MethodHandles.dropArguments(MethodHandles.constant(String.class, "positive"), 0, int.class),
            MethodHandles.dropArguments(MethodHandles.constant(String.class, "non-positive"), 0, int.class));
        System.out.println("guardWithTest " + (String) guard.invokeExact(5) + " " + (String) guard.invokeExact(-5));
        try {
            String wrong = (String) addH.invokeExact(1, 2);
        } catch (java.lang.invoke.WrongMethodTypeException e) {
            System.out.println("WrongMethodTypeException: " + e.getMessage());
        }
        try {
            lookup.findStatic(Main.class, "missing", MethodType.methodType(void.class));
        } catch (NoSuchMethodException e) {
            System.out.println("NoSuchMethodException: " + e.getMessage());
        }
    }

    static boolean isPositive(int x) { return x > 0; }
}
