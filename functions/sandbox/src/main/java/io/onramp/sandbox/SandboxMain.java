package io.onramp.sandbox;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a sandbox API server with its simulated controllers until interrupted, for trying things out:
 *
 * <pre>
 * java -cp ... io.onramp.sandbox.SandboxMain --port 6443 --kubeconfig /tmp/sandbox.kubeconfig
 * kubectl --kubeconfig /tmp/sandbox.kubeconfig get ns
 * </pre>
 *
 * Prints {@code ONRAMP_SANDBOX_KUBECONFIG=<path>} and {@code SANDBOX_URL=<url>} once ready and stops cleanly on
 * SIGINT/SIGTERM. {@code --no-controllers} serves the API only (nothing becomes Ready). Request counts, e.g. for
 * benchmarks: {@code GET /onramp-sandbox/stats}, {@code POST /onramp-sandbox/stats/reset} ({@link RequestStats}).
 * The real application embeds {@link SandboxKubernetes} and {@link SandboxControllers} instead.
 */
public final class SandboxMain {

  private SandboxMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    int port = 0;
    boolean runControllers = true;
    Path kubeconfig = Path.of(System.getProperty("java.io.tmpdir"), "onramp-sandbox.kubeconfig");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--kubeconfig" -> kubeconfig = Path.of(value(args, ++i, "--kubeconfig"));
        case "--no-controllers" -> runControllers = false;
        case "-h", "--help" -> {
          System.out.println("usage: SandboxMain [--port N (0 = any free port)] [--kubeconfig PATH] [--no-controllers]");
          return;
        }
        default -> {
          System.err.println("unknown argument: " + args[i]
              + "\nusage: SandboxMain [--port N (0 = any free port)] [--kubeconfig PATH] [--no-controllers]");
          System.exit(2);
        }
      }
    }

    SandboxKubernetes sandbox = new SandboxKubernetes(port);
    SandboxControllers controllers = new SandboxControllers(sandbox);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      controllers.close();
      sandbox.close();
      stopped.countDown();
    }, "onramp-sandbox-shutdown"));
    try {
      if (runControllers) {
        controllers.start();
      }
      Path written = sandbox.writeKubeconfig(kubeconfig).toAbsolutePath();
      System.out.println("ONRAMP_SANDBOX_KUBECONFIG=" + written);
      System.out.println("SANDBOX_URL=" + sandbox.url());
      System.out.flush();
    } catch (RuntimeException e) {
      controllers.close();
      sandbox.close();
      throw e;
    }
    stopped.await();
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      System.err.println(flag + " needs a value");
      System.exit(2);
    }
    return args[i];
  }
}
