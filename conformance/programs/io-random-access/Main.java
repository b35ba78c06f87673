import java.io.EOFException;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Arrays;

/** RandomAccessFile: typed writes and reads, seek, length, setLength, modes and their errors. */
public class Main {
    public static void main(String[] args) throws IOException {
        File f = new File("io-random-access.scratch");
        f.delete();
        try (RandomAccessFile raf = new RandomAccessFile(f, "rw")) {
            System.out.println("new length: " + raf.length() + " pointer: " + raf.getFilePointer());
            raf.writeInt(0x12345678);
            raf.writeLong(-2L);
            raf.writeUTF("h\u00e9llo");
            raf.writeDouble(Math.PI);
            raf.write(new byte[] {1, 2, 3, 4, 5}, 1, 3);
            raf.writeBoolean(true);
            System.out.println("length: " + raf.length() + " pointer: " + raf.getFilePointer());

            raf.seek(0);
            System.out.println("int: " + Integer.toHexString(raf.readInt()));
            System.out.println("long: " + raf.readLong());
            System.out.println("utf: " + raf.readUTF());
            System.out.println("double: " + raf.readDouble());
            byte[] three = new byte[3];
            raf.readFully(three);
            System.out.println("bytes: " + Arrays.toString(three));
            System.out.println("boolean: " + raf.readBoolean() + " then read(): " + raf.read());

            raf.seek(4);
            raf.writeLong(Long.MAX_VALUE);
            raf.seek(4);
            System.out.println("rewritten long: " + raf.readLong());

            raf.seek(100);
            System.out.println("past end pointer: " + raf.getFilePointer() + " read: " + raf.read());
            raf.write(7);
            System.out.println("wrote past end, length: " + raf.length());
            raf.seek(50);
            System.out.println("hole byte: " + raf.read());

            raf.setLength(10);
            System.out.println("truncated length: " + raf.length() + " pointer: " + raf.getFilePointer());
            raf.seek(2);
            raf.setLength(20);
            System.out.println("extended length: " + raf.length() + " pointer: " + raf.getFilePointer());
            System.out.println("skipBytes(100): " + raf.skipBytes(100) + " pointer: " + raf.getFilePointer());

            byte[] buf = new byte[8];
            raf.seek(16);
            System.out.println("read into 8: " + raf.read(buf) + " then " + raf.read(buf, 0, 0) + " " + raf.read(buf));
            try {
                raf.seek(18);
                raf.readInt();
            } catch (EOFException e) {
                System.out.println("readInt at 18 of 20: " + e);
            }
            try {
                raf.seek(-1);
            } catch (IOException e) {
                System.out.println("seek(-1): " + e);
            }
            try {
                raf.read(buf, 5, 4);
            } catch (IndexOutOfBoundsException e) {
                System.out.println("bounds: " + e);
            }
        }

        try (RandomAccessFile ro = new RandomAccessFile(f, "r")) {
            System.out.println("read-only length: " + ro.length() + " first: " + ro.read());
            try {
                ro.write(1);
            } catch (IOException e) {
                System.out.println("write to read-only: " + e);
            }
        }

        RandomAccessFile closed = new RandomAccessFile(f, "rws");
        closed.close();
        try {
            closed.length();
        } catch (IOException e) {
            System.out.println("length after close: " + e);
        }
        try {
            closed.getFilePointer();
        } catch (IOException e) {
            System.out.println("pointer after close: " + e);
        }

        try {
            new RandomAccessFile("io-random-access.missing/x", "r");
        } catch (FileNotFoundException e) {
            System.out.println(e);
        }
        try {
            new RandomAccessFile("io-random-access.missing", "r");
        } catch (FileNotFoundException e) {
            System.out.println(e);
        }
        try {
            new RandomAccessFile(f, "w");
        } catch (IllegalArgumentException e) {
            System.out.println(e);
        }
        System.out.println("deleted: " + f.delete());
    }
}
