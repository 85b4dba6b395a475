package dev.mosaic.fleet.roster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A separate JVM that writes the roster, for the cross-process tests.
 * {@code add FILE PREFIX N}: N threads each add agent PREFIX-i through {@link RosterStore#update}.
 * {@code loop FILE}: adds and removes an agent forever, printing "wrote N" after each write.
 */
public final class RosterWriterProcess {

    private RosterWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        RosterStore store = new RosterStore(Path.of(args[1]));
        if (args[0].equals("add")) {
            int n = Integer.parseInt(args[3]);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < n; i++) {
                String name = args[2] + "-" + i;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        store.update(d -> d.addAgent(new AgentSpec(name, "coder", "pi", null, null, null, null)));
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            errors.forEach(e -> e.printStackTrace());
            System.exit(errors.isEmpty() ? 0 : 1);
        }
        for (long i = 0; ; i++) {
            String name = "churn-" + (i % 7);
            store.update(d -> {
                if (!d.removeAgent(name)) {
                    d.addAgent(new AgentSpec(name, "coder", "pi", "~/a/rather/long/path/to/make/the/file/bigger", null,
                            null, java.util.Map.of("PADDING", "x".repeat(2000))));
                }
            });
            System.out.println("wrote " + i);
            System.out.flush();
        }
    }
}
