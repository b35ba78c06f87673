import java.util.ArrayList;
import java.util.List;

/** Allocates and keeps 1 MiB arrays until the heap (-Xmx) or the memory limit ends it. */
public class FaultAlloc {
    public static void main(String[] args) {
        List<byte[]> kept = new ArrayList<>();
        boolean touch = args.length > 0 && args[0].equals("touch");
        while (true) {
            byte[] block = new byte[1 << 20];
            if (touch) {
                for (int i = 0; i < block.length; i += 4096) {
                    block[i] = 1;
                }
            }
            kept.add(block);
        }
    }
}
