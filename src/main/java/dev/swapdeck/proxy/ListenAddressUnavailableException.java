package dev.swapdeck.proxy;

/**
 * The proxy could not listen on the address it was given (in use, not local, not permitted).
 * {@code Main} exits with code 3 and prints the message, which names the address.
 */
public final class ListenAddressUnavailableException extends RuntimeException {
    private final String address;

    public ListenAddressUnavailableException(String address, Throwable cause) {
        super("cannot listen on " + address + ": " + reason(cause), cause);
        this.address = address;
    }

    /** The address as {@code host:port}. */
    public String address() {
        return address;
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
