package dev.swapdeck.routing;

import java.util.concurrent.CompletableFuture;

/** The future {@link Upstreams#acquire} returns, with its withdrawal contract. */
final class PendingLease {
    private PendingLease() {
    }

    /**
     * Relays {@code granted}; cancelling the returned future runs {@code withdraw} (see
     * {@link Upstreams#acquire}), and a lease granted after that is closed at once.
     */
    static CompletableFuture<Lease> withdrawable(CompletableFuture<Lease> granted, Runnable withdraw) {
        CompletableFuture<Lease> answer = new CompletableFuture<>();
        granted.whenComplete((lease, error) -> {
            if (error != null) {
                answer.completeExceptionally(error);
            } else if (!answer.complete(lease)) {
                lease.close();
            }
        });
        answer.whenComplete((lease, error) -> {
            if (answer.isCancelled()) {
                withdraw.run();
            }
        });
        return answer;
    }
}
