import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * ZipOutputStream, ZipInputStream and ZipFile: deflated and stored entries, directories,
 * comments, extra fields and times, a zip file in a scratch folder of the current directory
 * read back with random access, and the errors of each.
 */
public class Main {
    static final String DIR = "zip-entries.scratch";

    public static void main(String[] args) throws IOException {
        byte[] zip = write();
        readStream(zip);
        File dir = new File(DIR);
        dir.mkdirs();
        File file = new File(dir, "test.zip");
        try (FileOutputStream out = new FileOutputStream(file)) {
            out.write(zip);
        }
        readFile(file);
        errors(zip, dir);
        for (File f : dir.listFiles()) {
            f.delete();
        }
        System.out.println("cleaned " + dir.delete());
    }

    static byte[] content(int i) {
        return ("entry number " + i + " says hello; ").repeat(i * 7 + 1).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] write() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zos = new ZipOutputStream(bytes)) {
            zos.setComment("archive comment \u00e9");
            ZipEntry docs = new ZipEntry("docs/");
            docs.setTime(1_600_000_000_000L);
            zos.putNextEntry(docs);
            zos.closeEntry();
            for (int i = 0; i < 4; i++) {
                ZipEntry e = new ZipEntry("docs/file" + i + ".txt");
                e.setTime(1_600_000_000_000L + i * 86_400_000L);
                if (i == 2) {
                    e.setComment("third");
                    e.setExtra(new byte[] {(byte) 0xca, (byte) 0xfe, 2, 0, 1, 2});
                }
                zos.putNextEntry(e);
                byte[] c = content(i);
                zos.write(c, 0, c.length / 2);
                zos.write(c, c.length / 2, c.length - c.length / 2);
                zos.closeEntry();
            }
            zos.setLevel(0);
            ZipEntry levelZero = new ZipEntry("level0.txt");
            levelZero.setTime(1_500_000_000_000L);
            zos.putNextEntry(levelZero);
            zos.write(content(3));
            zos.closeEntry();
            byte[] raw = {1, 2, 3, 4, 5, 6, 7, 8};
            CRC32 crc = new CRC32();
            crc.update(raw);
            ZipEntry stored = new ZipEntry("stored.bin");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(raw.length);
            stored.setCompressedSize(raw.length);
            stored.setCrc(crc.getValue());
            stored.setLastModifiedTime(FileTime.fromMillis(1_234_567_890_000L));
            zos.putNextEntry(stored);
            zos.write(raw);
            zos.closeEntry();
            try {
                zos.putNextEntry(new ZipEntry("stored.bin"));
            } catch (ZipException e) {
                System.out.println("duplicate: " + e.getMessage());
            }
            ZipEntry badStored = new ZipEntry("bad.bin");
            badStored.setMethod(ZipEntry.STORED);
            try {
                zos.putNextEntry(badStored);
            } catch (ZipException e) {
                System.out.println("stored without size: " + e.getMessage());
            }
        }
        return bytes.toByteArray();
    }

    static void readStream(byte[] zip) throws IOException {
        try (ZipInputStream zis = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = zis.getNextEntry()) != null) {
                byte[] data = zis.readAllBytes();
                System.out.println("stream " + e.getName() + " dir " + e.isDirectory() + " method " + e.getMethod()
                    + " read " + data.length + " time " + e.getTime() + " crc " + e.getCrc()
                    + (e.getName().startsWith("docs/file") ? " ok " + java.util.Arrays.equals(data, content(e.getName().charAt(9) - '0')) : ""));
            }
        }
    }

    static void readFile(File file) throws IOException {
        try (ZipFile zf = new ZipFile(file)) {
            System.out.println("file " + zf.getName().endsWith("test.zip") + " entries " + zf.size() + " comment " + zf.getComment());
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements();) {
                ZipEntry e = en.nextElement();
                names.add(e.getName() + "(" + e.getSize() + (e.getComment() != null ? "," + e.getComment() : "")
                    + (e.getExtra() != null ? ",extra " + e.getExtra().length : "") + ")");
            }
            System.out.println(names);
            // Random access, backwards, reading each entry twice at once.
            for (int i = 3; i >= 0; i--) {
                ZipEntry e = zf.getEntry("docs/file" + i + ".txt");
                try (InputStream a = zf.getInputStream(e); InputStream b = zf.getInputStream(e)) {
                    byte[] first = new byte[5];
                    int n = a.read(first);
                    byte[] whole = b.readAllBytes();
                    byte[] rest = a.readAllBytes();
                    System.out.println(e.getName() + " " + new String(first, 0, n, StandardCharsets.UTF_8) + " "
                        + (whole.length == n + rest.length) + " " + java.util.Arrays.equals(whole, content(i)));
                }
            }
            ZipEntry stored = zf.getEntry("stored.bin");
            try (InputStream in = zf.getInputStream(stored)) {
                System.out.println("stored " + java.util.Arrays.toString(in.readAllBytes()) + " compressed " + stored.getCompressedSize()
                    + " modified " + stored.getLastModifiedTime());
            }
            System.out.println("missing " + zf.getEntry("nope"));
            System.out.println("directory " + zf.getEntry("docs").getName() + " " + zf.getEntry("docs/").isDirectory());
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void errors(byte[] zip, File dir) throws IOException {
        File notZip = new File(dir, "not.zip");
        try (FileOutputStream out = new FileOutputStream(notZip)) {
            out.write("this is not a zip file at all".getBytes(StandardCharsets.UTF_8));
        }
        try (ZipFile zf = new ZipFile(notZip)) {
            System.out.println("opened " + zf.size());
        } catch (ZipException e) {
            System.out.println("not a zip: " + e.getMessage());
        }
        try (ZipFile zf = new ZipFile(new File(dir, "absent.zip"))) {
            System.out.println("opened " + zf.size());
        } catch (IOException e) {
            System.out.println("absent: " + e.getClass().getName() + ": " + e.getMessage().replace(dir.getPath(), "DIR"));
        }
        byte[] corrupt = zip.clone();
        // Damage the compressed data of the second file entry: find its name in the first
        // local header, then skip the name and the extra field.
        byte[] name = "docs/file1.txt".getBytes(StandardCharsets.UTF_8);
        int nameAt = indexOf(zip, name);
        int header = nameAt - 30;
        int extra = (zip[header + 28] & 0xff) | (zip[header + 29] & 0xff) << 8;
        corrupt[nameAt + name.length + extra] = (byte) 0xff;
        try (ZipInputStream zis = new ZipInputStream(new ByteArrayInputStream(corrupt))) {
            ZipEntry e;
            while ((e = zis.getNextEntry()) != null) {
                System.out.println("corrupt stream entry " + e.getName() + " " + zis.readAllBytes().length);
            }
        } catch (ZipException e) {
            System.out.println("corrupt: " + e.getMessage());
        }
        ZipOutputStream closed = new ZipOutputStream(new ByteArrayOutputStream());
        closed.close();
        try {
            closed.putNextEntry(new ZipEntry("x"));
        } catch (IOException e) {
            System.out.println("closed: " + e.getMessage());
        }
    }
}
