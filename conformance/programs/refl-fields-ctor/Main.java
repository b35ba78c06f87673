import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;

public class Main {
    static class Config {
        public String name = "default";
        private int port = 8080;
        protected static long created = 0;
        final double ratio;
        transient boolean dirty;
        volatile char mode = 'r';
        public int[] slots = {1, 2};

        public Config() { this(0.5); }
        private Config(double ratio) { this.ratio = ratio; created++; }
        public Config(String name, int port) { this(1.0); this.name = name; this.port = port; }
        public String toString() { return "Config(" + name + ":" + port + ", ratio=" + ratio + ", mode=" + mode + ")"; }
    }

    public static void main(String[] args) throws Exception {
        Field[] fs = Config.class.getDeclaredFields();
        Arrays.sort(fs, Comparator.comparing(Field::getName));
        for (Field f : fs) System.out.println("field " + Modifier.toString(f.getModifiers()) + " " + f.getType().getSimpleName() + " " + f.getName());
        Config c = new Config();
        Field name = Config.class.getField("name");
        System.out.println("get name " + name.get(c));
        name.set(c, "changed");
        Field port = Config.class.getDeclaredField("port");
        port.setAccessible(true);
        System.out.println("get port " + port.getInt(c) + " boxed " + port.get(c));
        port.setInt(c, 9090);
        Field mode = Config.class.getDeclaredField("mode");
        mode.setChar(c, 'w');
        System.out.println("after sets " + c);
        Field created = Config.class.getDeclaredField("created");
        System.out.println("static field " + created.getLong(null));
        created.set(null, 100L);
        System.out.println("static after set " + created.get(null));
        try {
            port.set(c, "not an int");
        } catch (IllegalArgumentException e) {
            System.out.println("IllegalArgumentException: " + e.getMessage());
        }
        try {
            Config.class.getField("port");
        } catch (NoSuchFieldException e) {
            System.out.println("NoSuchFieldException: " + e.getMessage());
        }
        Constructor<?>[] ctors = Config.class.getDeclaredConstructors();
        Arrays.sort(ctors, Comparator.comparing(Constructor::getParameterCount));
        for (Constructor<?> k : ctors) System.out.println("ctor " + Modifier.toString(k.getModifiers()) + " " + Arrays.toString(k.getParameterTypes()));
        Config made = Config.class.getConstructor(String.class, int.class).newInstance("made", 1);
        System.out.println("newInstance " + made);
        Constructor<Config> priv = Config.class.getDeclaredConstructor(double.class);
        priv.setAccessible(true);
        System.out.println("private ctor " + priv.newInstance(0.25));
        System.out.println("noarg " + Config.class.getDeclaredConstructor().newInstance());
        System.out.println("created count " + Config.created);
        Field slots = Config.class.getField("slots");
        int[] arr = (int[]) slots.get(made);
        arr[0] = 42;
        System.out.println("array field shares " + made.slots[0] + " type " + slots.getType().getName());
        Object strArr = java.lang.reflect.Array.newInstance(String.class, 3);
        java.lang.reflect.Array.set(strArr, 1, "mid");
        System.out.println("Array.newInstance " + Arrays.toString((String[]) strArr) + " length " + java.lang.reflect.Array.getLength(strArr));
        System.out.println("final field modifiers " + Modifier.isFinal(Config.class.getDeclaredField("ratio").getModifiers()) + " transient " + Modifier.isTransient(Config.class.getDeclaredField("dirty").getModifiers()));
    }
}
