import java.lang.annotation.*;
import java.lang.reflect.*;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

public class Main {
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER})
    @interface Tag {
        String value();
        int priority() default 5;
        String[] labels() default {};
    }

    @Retention(RetentionPolicy.CLASS)
    @interface Invisible {}

    @Tag(value = "service", priority = 1)
    static class Service implements Comparable<Service> {
        @Tag("id-field") private final int id;
        public String name;
        protected static int created;
        private transient volatile long stamp;

        public Service() { this(0, "default"); }
        private Service(int id, String name) { this.id = id; this.name = name; created++; }

        @Tag(value = "run", labels = {"a", "b"}) public String run(String arg) { return name + " runs " + arg; }
        @Tag("compute") public int compute(int a, int b) { return a * b + id; }
        @Invisible private static String secret() { return "secret"; }
        public static <T extends Comparable<T>> T max(List<T> list) { return Collections.max(list); }
        public void fail() { throw new IllegalStateException("failure inside"); }
        protected final synchronized void guarded(@Tag("p") String p) {}
        public int compareTo(Service o) { return Integer.compare(id, o.id); }
        Supplier<String> lambdaHolder() { return () -> name; }
        public String toString() { return "Service#" + id; }
    }

    static String sig(Method m) {
        return Modifier.toString(m.getModifiers()) + " " + m.getReturnType().getSimpleName() + " " + m.getName()
            + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(",", "(", ")"));
    }

    public static void main(String[] args) throws Exception {
        Class<Service> c = Service.class;
        List<Method> methods = Arrays.stream(c.getDeclaredMethods())
            .sorted(Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())))
            .collect(Collectors.toList());
        for (Method m : methods) {
            System.out.println("method " + sig(m) + " synthetic=" + m.isSynthetic() + " bridge=" + m.isBridge() + " tagged=" + m.isAnnotationPresent(Tag.class) + " annotations=" + m.getDeclaredAnnotations().length);
        }
        Field[] fields = c.getDeclaredFields();
        Arrays.sort(fields, Comparator.comparing(Field::getName));
        for (Field f : fields) System.out.println("field " + Modifier.toString(f.getModifiers()) + " " + f.getType().getSimpleName() + " " + f.getName() + " tag=" + (f.getAnnotation(Tag.class) == null ? "-" : f.getAnnotation(Tag.class).value()));
        Constructor<?>[] ctors = c.getDeclaredConstructors();
        Arrays.sort(ctors, Comparator.comparingInt(Constructor::getParameterCount));
        for (Constructor<?> k : ctors) System.out.println("ctor " + Modifier.toString(k.getModifiers()) + " params " + k.getParameterCount());
        Tag classTag = c.getAnnotation(Tag.class);
        System.out.println("class tag " + classTag.value() + " " + classTag.priority() + " " + classTag.labels().length + " annotationType " + classTag.annotationType().getSimpleName());
        Method run = c.getMethod("run", String.class);
        Tag runTag = run.getAnnotation(Tag.class);
        System.out.println("run tag " + runTag.value() + " " + runTag.priority() + " " + Arrays.toString(runTag.labels()));
        System.out.println("invisible retained " + c.getDeclaredMethod("secret").isAnnotationPresent(Invisible.class));
        Service s = c.getConstructor().newInstance();
        System.out.println("invoke " + run.invoke(s, "fast") + " " + c.getMethod("compute", int.class, int.class).invoke(s, 6, 7));
        Constructor<Service> priv = c.getDeclaredConstructor(int.class, String.class);
        priv.setAccessible(true);
        Service s2 = priv.newInstance(9, "private");
        Method secret = c.getDeclaredMethod("secret");
        secret.setAccessible(true);
        System.out.println("private ctor " + s2 + " " + s2.name + " private static " + secret.invoke(null) + " created " + Service.created);
        Field id = c.getDeclaredField("id");
        id.setAccessible(true);
        System.out.println("field get " + id.get(s2) + " " + id.getInt(s2));
        Field name = c.getField("name");
        name.set(s2, "renamed");
        System.out.println("field set " + s2.name);
        try {
            c.getMethod("fail").invoke(s);
        } catch (InvocationTargetException e) {
            System.out.println("InvocationTargetException cause " + e.getCause());
        }
        try {
            run.invoke(s, 42);
        } catch (IllegalArgumentException e) {
            System.out.println("IllegalArgumentException " + e.getMessage());
        }
        Method guarded = c.getDeclaredMethod("guarded", String.class);
        Annotation[][] pa = guarded.getParameterAnnotations();
        System.out.println("parameter annotations " + pa.length + " " + ((Tag) pa[0][0]).value() + " modifiers " + Modifier.toString(guarded.getModifiers()));
        Method max = c.getMethod("max", List.class);
        System.out.println("generic " + max.toGenericString() + " | " + max.getGenericReturnType() + " | " + Arrays.toString(max.getTypeParameters()));
        System.out.println("Method.toString " + run + " | " + c.getMethod("compareTo", Service.class));
        System.out.println("interfaces " + Arrays.toString(c.getInterfaces()) + " generic " + Arrays.toString(c.getGenericInterfaces()) + " super " + c.getSuperclass().getSimpleName());
        Supplier<String> lam = s.lambdaHolder();
        Class<?> lc = lam.getClass();
        System.out.println("lambda class synthetic " + lc.isSynthetic() + " interfaces " + Arrays.toString(lc.getInterfaces()) + " nameShape " + lc.getName().startsWith("Main$Service$$Lambda$") + " anonymous " + lc.isAnonymousClass());
        Method get = lc.getMethod("get");
        System.out.println("reflective call on lambda " + get.invoke(lam) + " declaringClass is lambda " + (get.getDeclaringClass() == lc));
        Function<Method, String> nameOf = Method::getName;
        System.out.println("sorted public declared names " + Arrays.stream(c.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers())).map(nameOf).sorted().distinct().collect(Collectors.toList()));
        System.out.println("array class " + int[][].class.getName() + " " + int[][].class.getComponentType() + " " + Array.newInstance(String.class, 2).getClass().getSimpleName() + " enclosing " + c.getEnclosingClass().getSimpleName() + " nest host " + c.getNestHost().getSimpleName());
    }
}
