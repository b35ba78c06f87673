import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;

public class Main {
    public static class Calc {
        private int acc;
        public Calc() {}
        public int add(int x) { acc += x; return acc; }
        public static String version() { return "1.0"; }
        protected synchronized void reset() { acc = 0; }
        private String secret(String s, int n) { return s.repeat(n); }
        public final long twice(long v) { return v * 2; }
        public void fail() { throw new IllegalStateException("failing on purpose"); }
        static native void nativeThing();
        public String join(String... parts) { return String.join("/", parts); }
    }

    public static void main(String[] args) throws Exception {
        Method[] ms = Calc.class.getDeclaredMethods();
        Arrays.sort(ms, Comparator.comparing(Method::getName));
        for (Method m : ms) {
            System.out.println(Modifier.toString(m.getModifiers()) + " | " + m.getReturnType().getName() + " " + m.getName() + Arrays.toString(m.getParameterTypes()) + " params=" + m.getParameterCount() + " varargs=" + m.isVarArgs());
        }
        Calc c = new Calc();
        Method add = Calc.class.getMethod("add", int.class);
        System.out.println("invoke add " + add.invoke(c, 5) + " " + add.invoke(c, 7));
        System.out.println("invoke static " + Calc.class.getMethod("version").invoke(null));
        Method secret = Calc.class.getDeclaredMethod("secret", String.class, int.class);
        secret.setAccessible(true);
        System.out.println("invoke private " + secret.invoke(c, "ab", 3));
        Method twice = Calc.class.getMethod("twice", long.class);
        Object r = twice.invoke(c, 21L);
        System.out.println("boxed result " + r + " " + r.getClass().getSimpleName());
        Method join = Calc.class.getMethod("join", String[].class);
        System.out.println("varargs invoke " + join.invoke(c, (Object) new String[] {"a", "b"}));
        try {
            Calc.class.getMethod("fail").invoke(c);
        } catch (InvocationTargetException e) {
            System.out.println("InvocationTargetException cause: " + e.getCause());
        }
        try {
            add.invoke(c, "wrong");
        } catch (IllegalArgumentException e) {
            System.out.println("IllegalArgumentException: " + e.getMessage());
        }
        try {
            Calc.class.getMethod("nope");
        } catch (NoSuchMethodException e) {
            System.out.println("NoSuchMethodException: " + e.getMessage());
        }
        System.out.println("Modifier.toString samples: [" + Modifier.toString(Modifier.PUBLIC | Modifier.STATIC | Modifier.FINAL) + "] [" + Modifier.toString(Calc.class.getModifiers()) + "] [" + Modifier.toString(Main.class.getModifiers()) + "]");
        Method[] publicMethods = Calc.class.getMethods();
        long objectMethods = Arrays.stream(publicMethods).filter(m -> m.getDeclaringClass() == Object.class).count();
        System.out.println("public methods " + publicMethods.length + " from Object " + objectMethods);
        System.out.println("toString of method: " + add);
        System.out.println("toGenericString: " + join.toGenericString());
    }
}
