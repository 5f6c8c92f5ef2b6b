package dev.swapdeck.demo;

/**
 * Prints a steady stream of lines ({@code --log-rate}) so tests can check that a chatty upstream
 * never slows Swapdeck or exhausts its memory. Lines are printed in small bursts every 10 ms so high
 * rates do not need sub-millisecond sleeps.
 */
final class LogFlood implements Runnable {
    private final int linesPerSecond;

    private LogFlood(int linesPerSecond) {
        this.linesPerSecond = linesPerSecond;
    }

    static void start(int linesPerSecond) {
        Thread thread = new Thread(new LogFlood(linesPerSecond), "demo-log-flood");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long printed = 0;
        try {
            while (true) {
                long due = (System.nanoTime() - start) / 1_000_000L * linesPerSecond / 1000L;
                while (printed < due) {
                    printed++;
                    System.out.println("flood line " + printed + ": the quick brown fox jumps over the lazy dog");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
