import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.util.*;
import java.util.function.*;

public class Main {
    interface Marker {}

    static String shape(Object lambda) {
        Class<?> c = lambda.getClass();
        String name = c.getName();
        int slash = name.indexOf('/');
        String base = slash < 0 ? name : name.substring(0, slash);
        String suffix = slash < 0 ? "<none>" : name.substring(slash + 1).startsWith("0x") ? "0x<address>" : "other";
        return "base=" + base.replaceAll("\\$\\$Lambda\\$\\d+$", "\\$\\$Lambda\\$<n>") + " suffix=" + suffix
            + " hidden=" + c.isHidden() + " synthetic=" + c.isSynthetic() + " modifiers=" + Modifier.toString(c.getModifiers())
            + " simpleNameHasSlash=" + c.getSimpleName().contains("/") + " canonical=" + c.getCanonicalName()
            + " super=" + c.getSuperclass().getSimpleName() + " interfaces=" + Arrays.toString(c.getInterfaces());
    }

    public static void main(String[] args) {
        Runnable r = () -> {};
        int captured = 3;
        IntSupplier cap = () -> captured;
        Function<String, Integer> ref = String::length;
        Runnable marked = (Runnable & Marker) () -> {};
        Supplier<String> ser = (Supplier<String> & Serializable) () -> "s";
        System.out.println(shape(r));
        System.out.println(shape(cap));
        System.out.println(shape(ref));
        System.out.println(shape(marked));
        System.out.println(shape(ser));
        System.out.println("marker instanceof " + (marked instanceof Marker) + " serializable " + (ser instanceof Serializable) + " plain serializable " + (r instanceof Serializable));
        String name = r.getClass().getName();
        try {
            Class.forName(name);
            System.out.println("forName found the lambda class");
        } catch (ClassNotFoundException e) {
            System.out.println("forName ClassNotFoundException (hidden class)");
        }
        System.out.println("declared fields of capturing lambda " + cap.getClass().getDeclaredFields().length + " of stateless " + r.getClass().getDeclaredFields().length);
        System.out.println("package " + r.getClass().getPackageName().isEmpty() + " nest host " + r.getClass().getNestHost().getName());
        System.out.println("toString shape " + r.toString().replaceAll("\\$\\$Lambda\\$\\d+/0x[0-9a-f]+@[0-9a-f]+", "\\$\\$Lambda\\$<n>/<addr>@<hash>"));
    }
}
