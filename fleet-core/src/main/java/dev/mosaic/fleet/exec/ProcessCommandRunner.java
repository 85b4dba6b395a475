package dev.mosaic.fleet.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs commands as real child processes with {@link ProcessBuilder}; no shell is involved. */
public final class ProcessCommandRunner implements CommandRunner {

    /** Drains stderr while the caller's thread drains stdout, so neither pipe can fill and block. */
    private static final ExecutorService DRAIN = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mosaic-exec-drain");
        t.setDaemon(true);
        return t;
    });

    @Override
    public CommandResult run(List<String> argv, String stdin, Duration timeout) {
        Process p = start(new ProcessBuilder(argv), argv);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), DRAIN);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), DRAIN);
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The program exited without reading its input; its exit status tells the story.
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ExecException("'" + argv.get(0) + "' did not finish within " + timeout.toMillis() + " ms ("
                        + String.join(" ", argv.subList(1, Math.min(argv.size(), 6))) + " ...)");
            }
            return new CommandResult(argv, p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ExecException("interrupted while running '" + argv.get(0) + "'", e);
        } catch (ExecutionException e) {
            throw new ExecException("could not read the output of '" + argv.get(0) + "': " + e.getCause().getMessage());
        }
    }

    @Override
    public int runAttached(List<String> argv) {
        Process p = start(new ProcessBuilder(argv).inheritIO(), argv);
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new ExecException("interrupted while running '" + argv.get(0) + "'", e);
        }
    }

    @Override
    public Process spawn(List<String> argv) {
        return start(new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD), argv);
    }

    private static Process start(ProcessBuilder pb, List<String> argv) {
        try {
            return pb.start();
        } catch (IOException e) {
            boolean missing = notOnPath(argv.get(0), pb.environment().get("PATH"));
            throw new ExecException("cannot run '" + argv.get(0) + "': " + (missing ? "not found on PATH"
                    : e.getMessage()), e);
        }
    }

    /** A program that no directory of the child's PATH holds as an executable (the usual reason a start fails). */
    private static boolean notOnPath(String program, String path) {
        if (program.contains("/")) {
            return !java.nio.file.Files.isExecutable(java.nio.file.Path.of(program));
        }
        if (path == null) {
            return true;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return false;
            }
        }
        return true;
    }

    private static String readAll(InputStream s) {
        try (s) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
