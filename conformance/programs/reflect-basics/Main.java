import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

interface Shape {
    double area();
    default String describe() { return "shape with area " + area(); }
}

abstract class Base implements Shape {
    protected int id;
    Base(int id) { this.id = id; }
    public abstract String name();
    public String toString() { return name() + "#" + id; }
}

class Square extends Base {
    public static int created;
    private final double side;
    public String label = "sq";
    private static String secret = "hidden";

    public Square(int id, double side) { super(id); this.side = side; created++; }
    private Square(double side) { this(-1, side); }
    public String name() { return "Square"; }
    public double area() { return side * side; }
    public static long sum(int a, long b, short c) { return a + b + c; }
    public boolean same(Square other) { return other != null && other.side == side; }
    public void fail(String why) { throw new IllegalStateException(why); }
    private char initial() { return 'S'; }
    static synchronized void touch() { created += 100; }
}

record Pair(String left, int right) {
    // Written out: the generated ones would use invokedynamic (ObjectMethods).
    public String toString() { return "Pair[" + left + ", " + right + "]"; }
    public int hashCode() { return left.hashCode() * 31 + right; }
    public boolean equals(Object o) { return o instanceof Pair && ((Pair) o).left.equals(left) && ((Pair) o).right == right; }
}

sealed interface Animal permits Dog, Cat {}
final class Dog implements Animal {}
non-sealed class Cat implements Animal {}

public class Main {
    class Inner {}
    static class Nested {}

    static String describe(Throwable t) {
        String s = t.getClass().getName() + ": " + t.getMessage();
        if (t instanceof InvocationTargetException) {
            Throwable c = t.getCause();
            s = s + " / cause " + c.getClass().getName() + ": " + c.getMessage();
        }
        return s;
    }

    static void invoke(String label, Method m, Object target, Object... args) {
        try {
            Object r = m.invoke(target, args);
            System.out.println(label + " -> " + r + (r == null ? "" : " (" + r.getClass().getSimpleName() + ")"));
        } catch (Exception e) {
            System.out.println(label + " threw " + describe(e));
        }
    }

    static List<String> sorted(Object[] members) {
        List<String> out = new ArrayList<String>();
        for (Object m : members) out.add(m.toString());
        Collections.sort(out);
        return out;
    }

    public static void main(String[] args) throws Exception {
        Class<Square> sq = Square.class;
        System.out.println("methods:");
        for (String s : sorted(sq.getDeclaredMethods())) System.out.println("  " + s);
        System.out.println("fields:");
        for (String s : sorted(sq.getDeclaredFields())) System.out.println("  " + s);
        System.out.println("constructors:");
        for (String s : sorted(sq.getDeclaredConstructors())) System.out.println("  " + s);
        System.out.println("public methods of Base: " + sorted(Base.class.getDeclaredMethods()));
        System.out.println("getMethod(area): " + sq.getMethod("area"));
        System.out.println("getMethod(describe): " + sq.getMethod("describe"));
        try {
            sq.getMethod("initial");
        } catch (NoSuchMethodException e) {
            System.out.println("NoSuchMethodException: " + e.getMessage());
        }

        Constructor<Square> ctor = sq.getConstructor(int.class, double.class);
        Square s3 = ctor.newInstance(7, 3.0);
        System.out.println("constructed " + s3 + " area " + s3.area() + " created " + Square.created);
        try {
            ctor.newInstance(1);
        } catch (IllegalArgumentException e) {
            System.out.println("ctor: " + describe(e));
        }
        try {
            ctor.newInstance("x", 1.0);
        } catch (IllegalArgumentException e) {
            System.out.println("ctor: " + describe(e));
        }
        Constructor<Square> hidden = sq.getDeclaredConstructor(double.class);
        try {
            hidden.newInstance(2.0);
        } catch (IllegalAccessException e) {
            System.out.println("private ctor: " + describe(e));
        }
        hidden.setAccessible(true);
        System.out.println("private ctor after setAccessible: " + hidden.newInstance(2.0));
        try {
            Base.class.getDeclaredConstructor(int.class).newInstance(1);
        } catch (InstantiationException e) {
            System.out.println("abstract: " + describe(e));
        }

        Method sum = sq.getMethod("sum", int.class, long.class, short.class);
        invoke("sum widened", sum, null, (byte) 1, 2, (short) 3);
        invoke("sum char", sum, null, 'a', 1L, (short) 0);
        invoke("sum narrowing", sum, null, 1L, 2L, (short) 3);
        invoke("sum boxed short as int", sum, null, 1, 2L, 3);
        invoke("sum null", sum, null, null, 2L, (short) 3);
        invoke("sum count", sum, null, 1, 2L);
        invoke("sum string", sum, null, "1", 2L, (short) 3);
        Method area = Shape.class.getMethod("area");
        invoke("interface area", area, s3);
        Method name = Base.class.getMethod("name");
        invoke("abstract name", name, s3);
        Method describe = Shape.class.getMethod("describe");
        invoke("default describe", describe, s3);
        Method toStr = Object.class.getMethod("toString");
        invoke("Object.toString on Square", toStr, s3);
        invoke("Object.toString on List", toStr, Arrays.asList(1, 2, 3));
        Method same = sq.getMethod("same", Square.class);
        invoke("same", same, s3, s3);
        invoke("same null", same, s3, (Object) null);
        invoke("same wrong type", same, s3, "x");
        invoke("wrong receiver", same, "not a square", s3);
        Method fail = sq.getMethod("fail", String.class);
        invoke("fail", fail, s3, "on purpose");
        Method initial = sq.getDeclaredMethod("initial");
        initial.setAccessible(true);
        invoke("private initial", initial, s3);
        Method touch = sq.getDeclaredMethod("touch");
        invoke("static touch", touch, null);
        System.out.println("created now " + Square.created);
        Method hash = Object.class.getMethod("hashCode");
        invoke("String.hashCode", hash, "hello");
        Method eq = Object.class.getMethod("equals", Object.class);
        invoke("Integer.equals", eq, 5, 5);

        Field label = sq.getField("label");
        System.out.println("label " + label.get(s3));
        label.set(s3, "renamed");
        System.out.println("label now " + s3.label);
        Field created = sq.getField("created");
        System.out.println("created via field " + created.getInt(null) + " " + created.get(null));
        created.setInt(null, 5);
        System.out.println("created set " + Square.created);
        Field side = sq.getDeclaredField("side");
        try {
            side.get(s3);
        } catch (IllegalAccessException e) {
            System.out.println("private field: " + describe(e));
        }
        side.setAccessible(true);
        System.out.println("side " + side.getDouble(s3) + " " + side.get(s3));
        try {
            side.set(s3, 9.0);
        } catch (IllegalAccessException e) {
            System.out.println("final field: " + describe(e));
        }
        System.out.println("area after setting the final side " + s3.area());
        try {
            label.set(s3, 3);
        } catch (IllegalArgumentException e) {
            System.out.println("label set int: " + describe(e));
        }
        Field secret = sq.getDeclaredField("secret");
        secret.setAccessible(true);
        System.out.println("secret " + secret.get(null));
        secret.set(null, "revealed");
        System.out.println("secret now " + secret.get(null));
        Field id = Base.class.getDeclaredField("id");
        System.out.println("id " + id.getInt(s3) + " modifiers " + Modifier.toString(id.getModifiers()));

        Class<?>[] classes = { Main.class, Inner.class, Nested.class, Shape.class, Base.class, Square.class,
            Pair.class, Animal.class, Dog.class, Cat.class, int.class, int[].class, Square[][].class,
            new Object() {}.getClass(), Runnable.class };
        for (Class<?> c : classes) {
            System.out.println(c.getName() + ": simple=" + c.getSimpleName() + " modifiers=[" + Modifier.toString(c.getModifiers())
                + "] super=" + c.getSuperclass() + " interfaces=" + Arrays.toString(c.getInterfaces())
                + " declaring=" + c.getDeclaringClass() + " enclosing=" + c.getEnclosingClass()
                + " member=" + c.isMemberClass() + " anonymous=" + c.isAnonymousClass()
                + " record=" + c.isRecord() + " sealed=" + c.isSealed() + " host=" + c.getNestHost().getName());
        }
        class Local {}
        System.out.println("local: " + Local.class.getSimpleName() + " in " + Local.class.getEnclosingMethod()
            + " local=" + Local.class.isLocalClass());
        System.out.println("permitted: " + Arrays.toString(Animal.class.getPermittedSubclasses()));
        for (RecordComponent rc : Pair.class.getRecordComponents()) {
            System.out.println("component " + rc + " accessor " + rc.getAccessor() + " value " + rc.getAccessor().invoke(new Pair("a", 2)));
        }
        System.out.println("declared classes of Main: " + sorted(Main.class.getDeclaredClasses()));
        System.out.println("isInstance " + Shape.class.isInstance(s3) + " " + Shape.class.isInstance("x")
            + " assignable " + Base.class.isAssignableFrom(Square.class) + " " + Square.class.isAssignableFrom(Base.class)
            + " " + Object[].class.isAssignableFrom(Square[].class) + " " + int.class.isAssignableFrom(int.class));
        System.out.println("generic: " + Pair.class.getGenericSuperclass() + " "
            + sq.getMethod("same", Square.class).toGenericString());
    }
}
