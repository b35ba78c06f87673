import java.lang.reflect.Array;
import java.util.Arrays;

public class Main {
    static void get(String label, Object array, int index) {
        try {
            Object v = Array.get(array, index);
            System.out.println(label + " -> " + v + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")"));
        } catch (RuntimeException e) {
            System.out.println(label + " threw " + e);
        }
    }

    static void set(String label, Object array, int index, Object value) {
        try {
            Array.set(array, index, value);
            System.out.println(label + " ok -> " + Array.get(array, index));
        } catch (RuntimeException e) {
            System.out.println(label + " threw " + e);
        }
    }

    static void create(String label, Class<?> component, int... dims) {
        try {
            Object a = dims.length == 1 ? Array.newInstance(component, dims[0]) : Array.newInstance(component, dims);
            System.out.println(label + " -> " + a.getClass().getName() + " length " + Array.getLength(a));
        } catch (RuntimeException e) {
            System.out.println(label + " threw " + e);
        }
    }

    public static void main(String[] args) throws Exception {
        int[] ints = { 10, 20, 30 };
        long[] longs = { 1L << 40, -1L };
        double[] doubles = { 0.5 };
        char[] chars = { 'a', 'z' };
        byte[] bytes = { -1, 127 };
        boolean[] flags = { true, false };
        String[] strings = { "x", null };
        Object[] objects = { "s", 1, null };

        System.out.println("lengths " + Array.getLength(ints) + " " + Array.getLength(strings) + " " + Array.getLength(new int[0][5]));
        try {
            Array.getLength("no");
        } catch (IllegalArgumentException e) {
            System.out.println("getLength: " + e);
        }
        try {
            Array.getLength(null);
        } catch (NullPointerException e) {
            System.out.println("getLength null: " + e);
        }

        get("ints[1]", ints, 1);
        get("longs[0]", longs, 0);
        get("doubles[0]", doubles, 0);
        get("chars[1]", chars, 1);
        get("bytes[0]", bytes, 0);
        get("flags[0]", flags, 0);
        get("strings[1]", strings, 1);
        get("objects[1]", objects, 1);
        get("ints[3]", ints, 3);
        get("ints[-1]", ints, -1);
        get("not an array", "str", 0);
        System.out.println("boxes are fresh: " + (Array.get(ints, 0) == Array.get(ints, 0)));

        System.out.println("getLong(ints) " + Array.getLong(ints, 2));
        System.out.println("getDouble(longs) " + Array.getDouble(longs, 0));
        System.out.println("getFloat(longs) " + Array.getFloat(longs, 0));
        System.out.println("getInt(chars) " + Array.getInt(chars, 0));
        System.out.println("getShort(bytes) " + Array.getShort(bytes, 0));
        System.out.println("getBoolean(flags) " + Array.getBoolean(flags, 1));
        try {
            Array.getInt(longs, 0);
        } catch (IllegalArgumentException e) {
            System.out.println("getInt(longs): " + e);
        }
        try {
            Array.getChar(bytes, 0);
        } catch (IllegalArgumentException e) {
            System.out.println("getChar(bytes): " + e);
        }
        try {
            Array.getInt(objects, 1);
        } catch (IllegalArgumentException e) {
            System.out.println("getInt(objects): " + e);
        }
        try {
            Array.getBoolean(ints, 0);
        } catch (IllegalArgumentException e) {
            System.out.println("getBoolean(ints): " + e);
        }

        set("ints[0]=short", ints, 0, (short) 7);
        set("ints[0]=char", ints, 0, 'A');
        set("ints[0]=long", ints, 0, 5L);
        set("ints[0]=null", ints, 0, null);
        set("ints[0]=string", ints, 0, "9");
        set("ints[5]=1", ints, 5, 1);
        set("doubles[0]=float", doubles, 0, 1.5f);
        set("doubles[0]=long", doubles, 0, 3L);
        set("flags[1]=true", flags, 1, Boolean.TRUE);
        set("flags[1]=1", flags, 1, 1);
        set("strings[1]=y", strings, 1, "y");
        set("strings[0]=int", strings, 0, 3);
        set("strings[0]=null", strings, 0, null);
        set("objects[2]=list", objects, 2, Arrays.asList(1));
        Array.setInt(longs, 1, 42);
        Array.setChar(ints, 1, 'B');
        Array.setByte(doubles, 0, (byte) -2);
        Array.setBoolean(flags, 0, false);
        System.out.println("after typed sets " + Arrays.toString(longs) + " " + Arrays.toString(ints) + " "
            + Arrays.toString(doubles) + " " + Arrays.toString(flags));
        try {
            Array.setLong(ints, 0, 1L);
        } catch (IllegalArgumentException e) {
            System.out.println("setLong(ints): " + e);
        }
        try {
            Array.setInt(strings, 0, 1);
        } catch (IllegalArgumentException e) {
            System.out.println("setInt(strings): " + e);
        }
        try {
            Array.setDouble(new float[1], 0, 1.0);
        } catch (IllegalArgumentException e) {
            System.out.println("setDouble(float[]): " + e);
        }
        try {
            Array.setInt(ints, 3, 0);
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("setInt out of bounds: " + e);
        }

        create("int[4]", int.class, 4);
        create("String[2]", String.class, 2);
        create("int[][] of 2", int[].class, 2);
        create("int[2][3]", int.class, 2, 3);
        create("String[2][0][5]", String.class, 2, 0, 5);
        create("int[][] [2][3]", int[].class, 2, 3);
        create("negative", int.class, -1);
        create("negative inner", long.class, 2, -4);
        create("void", void.class, 1);
        create("void multi", void.class, 1, 2);
        create("no dims", int.class, new int[0]);
        create("256 dims", int.class, new int[256]);
        try {
            Array.newInstance(null, 1);
        } catch (NullPointerException e) {
            System.out.println("null component: " + e);
        }
        int[][] grid = (int[][]) Array.newInstance(int.class, 3, 4);
        grid[2][3] = 9;
        System.out.println("grid " + Arrays.deepToString(grid));
        String[][] words = (String[][]) Array.newInstance(String.class, 2, 2);
        words[1][0] = "w";
        System.out.println("words " + Arrays.deepToString(words) + " component " + words.getClass().getComponentType().getName());
        Object copy = Array.newInstance(ints.getClass().getComponentType(), ints.length * 2);
        System.arraycopy(ints, 0, copy, 0, ints.length);
        System.out.println("grown " + Arrays.toString((int[]) copy));
    }
}
